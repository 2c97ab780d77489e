"""Subscription lifecycle: unknown ids, and no state left behind by departed clients."""

import asyncio
import json

import pytest
import websockets
from redis.asyncio import Redis

from cost_model_service.config import Settings
from tests.graphql_client import SUBSCRIBE_STATUS, subscribe, upload
from tests.stack import Stack, running_stack

# Real processes (uvicorn, arq, subprocesses): not in the fast tier, `pytest -m "not slow"`.
pytestmark = pytest.mark.slow

SPEC = b"Hinge H-110\nsteel\nWeight: 85 g\n"


async def _new_article(stack: Stack) -> str:
    response = await upload(
        stack.http, stack.graphql_url, name="Hinge", spec=("hinge.txt", SPEC, "text/plain")
    )
    return response.json()["data"]["analyzeArticle"]["id"]


async def _numsub(stack: Stack, article_id: str) -> int:
    redis = Redis.from_url(stack.settings.redis_url or "")
    try:
        channel = stack.settings.redis_keys.article_status(article_id)
        return dict(await redis.pubsub_numsub(channel))[channel.encode()]
    finally:
        await redis.aclose()


async def _wait_until(predicate, timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not await predicate():
            await asyncio.sleep(0.05)


async def _open_subscription(stack: Stack, article_id: str, protocol: str):
    ws = await websockets.connect(stack.ws_url, subprotocols=[protocol])
    await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    start = "start" if protocol == "graphql-ws" else "subscribe"
    await ws.send(
        json.dumps(
            {
                "id": "s1",
                "type": start,
                "payload": {"query": SUBSCRIBE_STATUS, "variables": {"id": article_id}},
            }
        )
    )
    first = json.loads(await ws.recv())
    while first["type"] == "ka":  # legacy keep-alive
        first = json.loads(await ws.recv())
    assert first["payload"]["data"]["articleStatus"]["processingStage"] == "QUEUED"
    return ws


async def test_unknown_article_subscription_answers_not_found(settings: Settings) -> None:
    async with running_stack(settings, worker=False) as stack:
        payloads = [
            p
            async for p in subscribe(
                stack.ws_url, SUBSCRIBE_STATUS, {"id": "00000000-0000-0000-0000-000000000000"}
            )
        ]
        assert len(payloads) == 1
        assert payloads[0]["errors"][0]["extensions"]["code"] == "NOT_FOUND"
        assert stack.services.broadcaster.subscriber_count() == 0


async def test_one_redis_subscription_per_article_however_many_clients(
    settings: Settings,
) -> None:
    async with running_stack(settings, worker=False) as stack:
        article_id = await _new_article(stack)
        sockets = [
            await _open_subscription(stack, article_id, "graphql-transport-ws") for _ in range(3)
        ]
        broadcaster = stack.services.broadcaster
        assert broadcaster.subscriber_count() == 3
        assert broadcaster.channel_count() == 1
        assert await _numsub(stack, article_id) == 1
        for ws in sockets:
            await ws.close()


async def test_departed_subscribers_leave_no_state(settings: Settings) -> None:
    async with running_stack(settings, worker=False) as stack:
        article_id = await _new_article(stack)
        broadcaster = stack.services.broadcaster

        # Clean goodbye: "complete" on graphql-transport-ws, "stop" on legacy graphql-ws.
        clean = await _open_subscription(stack, article_id, "graphql-transport-ws")
        legacy = await _open_subscription(stack, article_id, "graphql-ws")
        assert broadcaster.subscriber_count() == 2
        await clean.send(json.dumps({"id": "s1", "type": "complete"}))
        await legacy.send(json.dumps({"id": "s1", "type": "stop"}))

        async def none_left() -> bool:
            return broadcaster.subscriber_count() == 0

        await _wait_until(none_left)
        await clean.close()
        await legacy.close()

        # A dropped socket: no close frame at all.
        dropped = await _open_subscription(stack, article_id, "graphql-transport-ws")
        assert broadcaster.subscriber_count() == 1
        dropped.transport.abort()
        await _wait_until(none_left)
        assert broadcaster.channel_count() == 0

        async def unsubscribed() -> bool:
            return await _numsub(stack, article_id) == 0

        await _wait_until(unsubscribed)
