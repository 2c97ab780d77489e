"""Replays of the red-team pass (issue 8) on the WebSocket endpoint, both protocols:
credentials that lapse while a socket is open, a legacy socket that never initialises,
queries over the legacy protocol, and malformed or hostile messages."""

import asyncio
import json
import logging
import time
import uuid

import jwt
import pytest
import websockets
from redis.asyncio import Redis
from sqlalchemy import text

from cost_model_service.auth import keys
from cost_model_service.config import Settings
from tests.graphql_client import SUBSCRIBE_STATUS, upload, ws_open, ws_operation
from tests.helpers import changed
from tests.stack import Stack, running_stack

pytestmark = pytest.mark.slow

PROTOCOLS = ["graphql-transport-ws", "graphql-ws"]
SPEC = ("spec.txt", b"Bracket\nsteel\nNet weight: 0.3 kg\n", "text/plain")
SECRET = "s" * 32
REANALYZE = "mutation($id: ID!) { reanalyzeArticle(id: $id) { id processingStatus } }"


def secured(settings: Settings, **changes: object) -> Settings:
    return changed(
        settings,
        auth_required=True,
        jwt_secret=SECRET,
        jwt_audience="cms",
        ws_connection_init_timeout_seconds=1.0,
        **changes,
    )


async def new_key(stack: Stack) -> str:
    async with stack.services.sessionmaker() as session:
        _, key = await keys.create_key(session, f"ws-{uuid.uuid4().hex[:8]}")
        await session.commit()
    return key


async def revoke(stack: Stack, key: str) -> None:
    """As `cms api-key revoke` does it (tests/auth runs the command itself)."""
    async with stack.services.sessionmaker() as session:
        await keys.revoke(session, "_".join(key.split("_")[:2]))
        await session.commit()


async def new_article(stack: Stack, key: str) -> str:
    response = await upload(
        stack.http,
        stack.graphql_url,
        name="Bracket",
        spec=SPEC,
        headers={"Apollo-Require-Preflight": "1", "Authorization": f"Bearer {key}"},
    )
    return response.json()["data"]["analyzeArticle"]["id"]


def auth(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}


async def closed_with(ws: websockets.ClientConnection, timeout: float = 10) -> tuple[int, str]:
    """Reads (and drops) messages until the server closes the socket: (code, reason)."""
    async with asyncio.timeout(timeout):
        with pytest.raises(websockets.ConnectionClosed) as closed:
            while True:
                await ws.recv()
    assert closed.value.rcvd is not None
    return closed.value.rcvd.code, closed.value.rcvd.reason


async def state(stack: Stack, article_id: str) -> tuple[int, int, int]:
    """(article version, attempt, jobs queued): what a refused operation must not move."""
    async with stack.services.sessionmaker() as session:
        row = (
            await session.exec(
                text("SELECT version, analysis_attempt FROM article WHERE id = :id").bindparams(
                    id=uuid.UUID(article_id)
                )
            )
        ).one()
    redis = Redis.from_url(stack.settings.redis_url or "")
    try:
        return row[0], row[1], await redis.zcard(stack.settings.redis_keys.queue)
    finally:
        await redis.aclose()


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_every_operation_on_a_socket_checks_its_key_again(
    settings: Settings, protocol: str
) -> None:
    # A sweep interval of an hour: what closes the sockets here is the operation's check.
    async with running_stack(
        secured(settings, ws_credentials_check_seconds=3600), worker=False
    ) as stack:
        key = await new_key(stack)
        article_id = await new_article(stack, key)
        busy, idle = [await ws_open(stack.ws_url, protocol, auth(key)) for _ in range(2)]
        [ok] = await ws_operation(busy, protocol, "1", "{ costIndices { code } }")
        assert "errors" not in ok
        before = await state(stack, article_id)

        await revoke(stack, key)
        # The case: reanalyzeArticle ran 65 s after the key was revoked.
        [refused] = await ws_operation(busy, protocol, "2", REANALYZE, {"id": article_id})
        assert refused["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert refused["errors"][0]["message"] == "unknown or revoked API key"
        assert await state(stack, article_id) == before
        # The refusal woke the sweep: this socket and every other with the key close.
        for ws in (busy, idle):
            assert await closed_with(ws) == (4403, "the API key was revoked")
        assert len(stack.services.sockets) == 0


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_sockets_whose_key_is_revoked_are_closed_with_their_subscriptions(
    settings: Settings, protocol: str
) -> None:
    async with running_stack(
        secured(settings, ws_credentials_check_seconds=0.3), worker=False
    ) as stack:
        key, other = await new_key(stack), await new_key(stack)
        article_id = await new_article(stack, key)
        subscribed = await ws_open(stack.ws_url, protocol, auth(key))
        start = "start" if protocol == "graphql-ws" else "subscribe"
        await subscribed.send(
            json.dumps(
                {
                    "id": "s",
                    "type": start,
                    "payload": {"query": SUBSCRIBE_STATUS, "variables": {"id": article_id}},
                }
            )
        )
        while "payload" not in (first := json.loads(await subscribed.recv())):
            pass
        assert first["payload"]["data"]["articleStatus"]["processingStatus"] == "PROCESSING"
        idle = await ws_open(stack.ws_url, protocol, auth(key))
        unaffected = await ws_open(stack.ws_url, protocol, auth(other))
        broadcaster = stack.services.broadcaster
        assert broadcaster.subscriber_count() == 1
        checkers = [t for t in asyncio.all_tasks() if t.get_name() == "websocket-credentials"]
        assert len(checkers) == 1  # one task for the process, not one per socket

        await revoke(stack, key)
        started = time.perf_counter()
        for ws in (subscribed, idle):
            assert await closed_with(ws) == (4403, "the API key was revoked")
        print(f"\nrevoked key's sockets closed after {time.perf_counter() - started:.2f} s")
        async with asyncio.timeout(5):
            while broadcaster.subscriber_count():
                await asyncio.sleep(0.05)
        [ok] = await ws_operation(unaffected, protocol, "1", "{ costIndices { code } }")
        assert "errors" not in ok
        assert len(stack.services.sockets) == 1
        await unaffected.close()


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_sockets_whose_token_expires_are_closed(settings: Settings, protocol: str) -> None:
    async with running_stack(
        secured(settings, ws_credentials_check_seconds=0.3), worker=False
    ) as stack:
        # Expired 27 s ago: still inside the 30 s leeway, so accepted for ~3 s more.
        claims = {"exp": int(time.time()) - 27, "aud": "cms", "tenant": "ws-expiring"}
        token = jwt.encode(claims, SECRET, "HS256")
        ws = await ws_open(stack.ws_url, protocol, auth(token))
        [ok] = await ws_operation(ws, protocol, "1", "{ costIndices { code } }")
        assert "errors" not in ok
        started = time.perf_counter()
        assert await closed_with(ws, timeout=15) == (4403, "the token expired")
        assert time.perf_counter() - started < 10


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_socket_without_connection_init_is_closed_after_the_timeout(
    settings: Settings, protocol: str
) -> None:
    async with running_stack(secured(settings), worker=False) as stack:
        async with websockets.connect(stack.ws_url, subprotocols=[protocol]) as ws:
            started = time.perf_counter()
            # No keep-alive (nor anything else) before connection_init: only the close.
            async with asyncio.timeout(10):
                with pytest.raises(websockets.ConnectionClosed) as closed:
                    await ws.recv()
            assert closed.value.rcvd is not None
            assert closed.value.rcvd.code == 4408
            assert closed.value.rcvd.reason == "Connection initialisation timeout"
            assert 0.9 < time.perf_counter() - started < 5
        assert len(stack.services.sockets) == 0


async def test_queries_and_mutations_work_over_legacy_graphql_ws(settings: Settings) -> None:
    async with running_stack(settings, worker=False) as stack:
        ws = await ws_open(stack.ws_url, "graphql-ws")
        try:
            [answer] = await ws_operation(ws, "graphql-ws", "q", "{ costIndices { code } }")
            assert len(answer["data"]["costIndices"]) > 5
            missing = str(uuid.uuid4())
            [refused] = await ws_operation(ws, "graphql-ws", "m", REANALYZE, {"id": missing})
            assert refused["errors"][0]["extensions"]["code"] == "NOT_FOUND"
        finally:
            await ws.close()


MALFORMED = {
    "an array": [],
    "a number": 1,
    "no type": {"id": "1"},
    "a numeric type": {"type": 5},
    "no id": {"type": "START", "payload": {"query": "{ __typename }"}},
    "no payload": {"type": "START", "id": "1"},
    "a numeric query": {"type": "START", "id": "1", "payload": {"query": 5}},
    "variables as a list": {
        "type": "START",
        "id": "1",
        "payload": {"query": "{ __typename }", "variables": [1]},
    },
    "a numeric operation name": {
        "type": "START",
        "id": "1",
        "payload": {"query": "{ __typename }", "operationName": 1},
    },
}


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_malformed_messages_close_the_socket_with_4400(
    settings: Settings, protocol: str, caplog: pytest.LogCaptureFixture
) -> None:
    start = "start" if protocol == "graphql-ws" else "subscribe"
    async with running_stack(settings, worker=False) as stack:
        with caplog.at_level(logging.ERROR):
            for case, message in MALFORMED.items():
                raw = json.dumps(message).replace('"START"', f'"{start}"')
                ws = await ws_open(stack.ws_url, protocol)
                await ws.send(raw)
                code, reason = await closed_with(ws)
                assert code == 4400 and reason, case
        errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
        assert not errors


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_hostile_values_over_a_websocket(settings: Settings, protocol: str) -> None:
    start = "start" if protocol == "graphql-ws" else "subscribe"
    async with running_stack(settings, worker=False) as stack:
        ws = await ws_open(stack.ws_url, protocol)
        status = "query($id: ID!) { articleStatus(id: $id) { id } }"
        for value in ("a\x00b", "\ud800", "x" * 10_001):
            [refused] = await ws_operation(ws, protocol, "v", status, {"id": value})
            assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        [echo] = await ws_operation(ws, protocol, "e", status, {"id": "y" * 9000})
        assert len(echo["errors"][0]["message"]) < 400
        # JSON nested far deeper than any request needs: refused as malformed (the
        # legacy protocol ignores malformed messages; the socket goes on working).
        await ws.send('{"type": "x", "payload": ' + "[" * 100_000 + "]" * 100_000 + "}")
        if protocol == "graphql-ws":
            [ok] = await ws_operation(ws, protocol, "ok", "{ __typename }")
            assert ok == {"data": {"__typename": "Query"}}
            await ws.close()
        else:
            assert (await closed_with(ws))[0] == 4400
        # Close reasons that quote the client are cut to what a close frame can carry.
        ws = await ws_open(stack.ws_url, protocol)
        long_id = "i" * 5000
        subscribe = json.dumps(
            {
                "id": long_id,
                "type": start,
                "payload": {"query": SUBSCRIBE_STATUS, "variables": {"id": str(uuid.uuid4())}},
            }
        )
        syntax = json.dumps(
            {"id": "s", "type": start, "payload": {"query": "{ " + "f" * 5000 + " ( }"}}
        )
        if protocol == "graphql-transport-ws":
            await ws.send(syntax)
            code, reason = await closed_with(ws)
            assert code == 4400 and len(reason.encode()) <= 123 and "Syntax Error" in reason
        else:
            await ws.send(subscribe)
            await ws.send(syntax)
            answers = [json.loads(await ws.recv()) for _ in range(2)]
            assert {a["type"] for a in answers} <= {"error", "ka"}
            await ws.close()
