"""Subscription.priceAlerts on the real stack (API, worker, PostgreSQL, Redis): an index
import moves a tracked article's price across an alert's threshold, the worker's
evaluate_price_alerts job fires the alert, and the tenant's subscriber receives it;
another tenant's subscriber never does, and a client that reconnects with the last
sequence it saw receives what fired meanwhile."""

import asyncio
import json
from typing import Any

import pytest
import websockets

from cost_model_service.config import Settings
from tests.pricing.support import (
    ALERT,
    BASIS,
    BIND,
    PAID,
    completed_article,
    import_fixture,
    new_tenant,
    ok,
    upload_index,
)
from tests.stack import Stack, running_stack

pytestmark = pytest.mark.slow

SUBSCRIBE = """subscription A($after: Int) { priceAlerts(after: $after) {
  sequence period percent modelledPrice paidPrice
  alert { id articleId kind thresholdPercent triggered lastPercent lastPeriod } } }"""

# Generous: the worker picks the job up within its poll delay; a busy machine is slower.
WAIT_SECONDS = 30


async def subscribe(stack: Stack, headers: dict[str, str], after: int | None) -> Any:
    ws = await websockets.connect(stack.ws_url, subprotocols=["graphql-transport-ws"])
    await ws.send(
        json.dumps(
            {"type": "connection_init", "payload": {"authorization": headers["Authorization"]}}
        )
    )
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    await ws.send(
        json.dumps(
            {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": SUBSCRIBE, "variables": {"after": after}},
            }
        )
    )
    return ws


async def next_alert(ws: Any) -> dict:
    async with asyncio.timeout(WAIT_SECONDS):
        while True:
            message = json.loads(await ws.recv())
            if message["type"] == "ping":
                await ws.send(json.dumps({"type": "pong"}))
            elif message["type"] != "pong":
                assert message["type"] == "next", message
                assert "errors" not in message["payload"], message
                return message["payload"]["data"]["priceAlerts"]


async def tracked_article(stack: Stack, headers: dict[str, str], *, bind_all: bool) -> str:
    """The worked example: P0 12.40 EUR in 2024-03, its indices bound (or STEEL only)."""
    article_id = await completed_article(stack, headers)
    await import_fixture(stack, headers, "long_csv/worked_example.csv")
    await import_fixture(stack, headers, "long_csv/worked_example_electricity_2025_01.csv")
    bindings = [
        ("STEEL", "EX_STEEL", 2),
        ("PLASTICS", "EX_PLASTICS", 2),
        ("LABOUR", "EX_LABOUR", 1),
        ("ELECTRICITY", "EX_ELECTRICITY", 2),
    ]
    for index, series, lag in bindings if bind_all else bindings[:1]:
        await ok(stack, BIND, headers, index=index, series=series, lag=lag)
    await ok(stack, BASIS, headers, id=article_id, price="12.40", currency="EUR", period="2024-03")
    return article_id


async def test_an_import_fires_an_alert_to_its_tenants_subscribers_only(settings: Settings) -> None:
    async with running_stack(settings) as stack:
        buyer, other = await new_tenant(stack), await new_tenant(stack)
        article_id = await tracked_article(stack, buyer, bind_all=True)
        moved = (
            await ok(stack, ALERT, buyer, id=article_id, kind="MOVE_FROM_BASE", threshold="4")
        )["createPriceAlert"]
        assert (moved["lastPercent"], moved["triggered"]) == ("3.75", False)  # quiet
        drift = (
            await ok(stack, ALERT, buyer, id=article_id, kind="DRIFT_FROM_PAID", threshold="3")
        )["createPriceAlert"]
        other_article = await tracked_article(stack, other, bind_all=False)

        # From the start of the tenant's feed (after: 0): no race with the subscription
        # being set up, and nothing fired yet.
        mine, theirs = await subscribe(stack, buyer, 0), await subscribe(stack, other, 0)
        try:
            # Steel's 2025-01 value is revised upwards: 2025-03 now moves 6.42 % from base.
            body = await upload_index(
                stack, buyer, b"series_code,period,value\nEX_STEEL,2025-01,140.0\n"
            )
            assert body["data"]["importIndexSeries"]["observationsRevised"] == 1, body
            fired = await next_alert(mine)
            assert fired["alert"]["id"] == moved["id"]
            assert (
                fired["sequence"],
                fired["period"],
                fired["percent"],
                fired["modelledPrice"],
                fired["paidPrice"],
            ) == (1, "2025-03", "6.42", "13.20", None)
            assert fired["alert"]["triggered"] and fired["alert"]["articleId"] == article_id

            # The other tenant's first event is its own alert, fired after ours.
            own = (
                await ok(
                    stack, ALERT, other, id=other_article, kind="MOVE_FROM_BASE", threshold="1"
                )
            )["createPriceAlert"]
            assert own["triggered"]
            received = await next_alert(theirs)
            assert (received["alert"]["id"], received["sequence"]) == (own["id"], 1)
        finally:
            await theirs.close()
            await mine.close()

        # Our client is away while the drift alert fires; back with the last sequence it
        # saw, it receives that alert first, from PostgreSQL.
        await ok(stack, PAID, buyer, id=article_id, period="2025-03", price="13.90")
        back = await subscribe(stack, buyer, fired["sequence"])
        try:
            missed = await next_alert(back)
        finally:
            await back.close()
        assert (missed["sequence"], missed["alert"]["id"], missed["paidPrice"]) == (
            2,
            drift["id"],
            "13.90",
        )

        # Caught up from PostgreSQL, too, a tenant reads its own rows only.
        again = await subscribe(stack, other, 0)
        try:
            history = await next_alert(again)
        finally:
            await again.close()
        assert (history["alert"]["id"], history["sequence"]) == (own["id"], 1)

        refused = await subscribe(stack, buyer, -1)
        try:
            message = json.loads(await refused.recv())
        finally:
            await refused.close()
        payload = message["payload"]  # "error": a list; "next": a result with errors
        errors = payload if isinstance(payload, list) else payload["errors"]
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT", message

        listed = await ok(stack, "{ priceAlerts { id triggered } }", buyer)
        assert {a["id"]: a["triggered"] for a in listed["priceAlerts"]} == {
            moved["id"]: True,
            drift["id"]: True,
        }
