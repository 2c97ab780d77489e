"""Redis stopped and started again, or silently gone (a half-open connection): the worker
comes back by itself, subscribers still get the terminal state, analyzeArticle answers
SERVICE_UNAVAILABLE and stores nothing."""

import asyncio
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from cost_model_service.config import Settings
from cost_model_service.db import create_engine
from tests.fake_openai import FakeOpenAI
from tests.graphql_client import SUBSCRIBE_STATUS, subscribe, upload
from tests.helpers import changed, submit
from tests.resilience.processes import running
from tests.resilience.proxy import TcpProxy
from tests.resilience.servers import RestartableValkey
from tests.resilience.support import wait_for, wait_for_status
from tests.stack import running_stack, running_worker

# Real processes (uvicorn, arq, subprocesses): not in the fast tier, `pytest -m "not slow"`.
pytestmark = pytest.mark.slow

TERMINAL = {"completed", "failed"}


def spec() -> bytes:
    return (
        b"Angle bracket AB-120\nMaterial: galvanised steel S235\nNet weight: 0.42 kg\n"
        + f"Drawing {uuid.uuid4()}\n".encode()
    )


def follow(ws_url: str, article_id: str, into: list[dict[str, Any]]) -> asyncio.Task[None]:
    """A subscriber in the background, collecting every articleStatus it is sent."""

    async def run() -> None:
        async for payload in subscribe(ws_url, SUBSCRIBE_STATUS, {"id": article_id}):
            assert "errors" not in payload, payload
            into.append(payload["data"]["articleStatus"])

    return asyncio.create_task(run())


async def test_redis_restart_worker_comes_back_and_subscribers_resync(
    fast: Settings, fake_openai: FakeOpenAI, valkey: RestartableValkey, log_dir: Path
) -> None:
    # Room for two slow LLM calls in one try: the job must not need Redis to finish.
    settings = changed(fast, redis_url=valkey.url, job_timeout_seconds=15)
    fake_openai.set_latency(1.0)
    updates: list[dict[str, Any]] = []
    async with (
        running("worker", settings, log_dir) as worker,
        running_stack(settings, worker=False) as stack,
    ):
        await worker.ready()
        article_id = await submit(stack, spec())
        subscriber = follow(stack.ws_url, article_id, updates)
        try:
            await wait_for(lambda: len(fake_openai.chat_requests()) > 0, 20)
            valkey.stop()
            # arq's poll loop hits the dead connection; the supervisor notices.
            await worker.wait_for_log("worker loop stopped", timeout=10)
            # The job needs only PostgreSQL and the LLM: it finishes while Redis is away,
            # and its events (published after each commit) are lost.
            await wait_for_status(settings, article_id, {"completed"}, timeout=15)
            assert updates and updates[-1]["processingStatus"] == "PROCESSING", updates
            valkey.start()
            restarted = time.monotonic()
            # The API's pub/sub connection comes back and every subscriber re-reads.
            await asyncio.wait_for(asyncio.shield(subscriber), 15)
            resynced = time.monotonic() - restarted
        finally:
            subscriber.cancel()
        assert updates[-1]["processingStatus"] == "COMPLETED", updates
        assert resynced < settings.events_quiet_resync_seconds / 4, resynced

        # The same worker process takes new work, nobody restarted it.
        second = await submit(stack, spec())
        fake_openai.set_latency(0)
        row = await wait_for_status(settings, second, TERMINAL, timeout=20)
        assert row["processing_status"] == "completed", row
        assert worker.alive


async def test_half_open_pubsub_connection_is_noticed_and_subscribers_resync(
    fast: Settings, fake_openai: FakeOpenAI, valkey: RestartableValkey
) -> None:
    """The API reaches Redis through a proxy that goes silent without closing anything,
    new connections included (a partition), for a while; the worker reaches Redis
    directly, so its events are published but never arrive."""
    proxy = await TcpProxy("127.0.0.1", valkey.port).start()
    api = changed(fast, redis_url=proxy.url)
    worker = changed(fast, redis_url=valkey.url)
    updates: list[dict[str, Any]] = []
    try:
        async with running_stack(api, worker=False) as stack:
            article_id = await submit(stack, spec())
            subscriber = follow(stack.ws_url, article_id, updates)
            try:
                await wait_for(lambda: len(updates) > 0, 10)  # QUEUED, read from PostgreSQL
                proxy.partition()
                async with running_worker(worker):
                    await wait_for_status(worker, article_id, {"completed"}, timeout=15)
                # Reconnecting into the partition must time out too (the handshake waits
                # for an answer), not hang: several dead_after periods pass before healing.
                await asyncio.sleep(3 * api.events_dead_after_seconds)
                assert updates[-1]["processingStatus"] == "PROCESSING", updates
                proxy.heal()
                healed = time.monotonic()
                await asyncio.wait_for(asyncio.shield(subscriber), 10)
                resynced = time.monotonic() - healed
            finally:
                subscriber.cancel()
    finally:
        await proxy.close()
    assert updates[-1]["processingStatus"] == "COMPLETED", updates
    # Well before the quiet-resync safety net (60 s here) would have re-read anyway.
    assert resynced < 8, resynced


async def _count_named(settings: Settings, name: str) -> int:
    engine = create_engine(settings.database_url or "")
    try:
        async with engine.connect() as connection:
            statement = text("SELECT count(*) FROM article WHERE article_name = :name")
            return int((await connection.execute(statement, {"name": name})).scalar_one())
    finally:
        await engine.dispose()


async def _analyze(stack: Any, name: str) -> tuple[dict[str, Any], float]:
    started = time.monotonic()
    async with asyncio.timeout(15):  # a hang fails the test instead of blocking it
        response = await upload(
            stack.http, stack.graphql_url, name=name, spec=("spec.txt", spec(), "text/plain")
        )
    assert "Traceback" not in response.text
    return response.json(), time.monotonic() - started


async def test_analyze_while_redis_is_down_or_silent_stores_nothing(
    fast: Settings, valkey: RestartableValkey
) -> None:
    """The documented choice: SERVICE_UNAVAILABLE, and the article committed before the
    enqueue is deleted again. The rate limiter (which also needs Redis) is off here so
    that the enqueue itself is what fails."""
    proxy = await TcpProxy("127.0.0.1", valkey.port).start()
    settings = changed(fast, redis_url=proxy.url, analyze_rate_limit_count=0)
    try:
        async with running_stack(settings, worker=False) as stack:
            proxy.partition()  # half-open: only the read timeout ends the wait
            body, took = await _analyze(stack, "During a partition")
            assert body["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE", body
            # One socket timeout per attempt (a quiet retry on connection errors only).
            assert took < 3 * settings.redis_socket_timeout_seconds + 1, took
            assert await _count_named(settings, "During a partition") == 0

            proxy.heal()
            valkey.stop()  # refused: fails at once
            body, took = await _analyze(stack, "Redis stopped")
            assert body["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE", body
            assert await _count_named(settings, "Redis stopped") == 0

            valkey.start()  # and the API recovers by itself
            body, _ = await _analyze(stack, "Redis back")
            assert body["data"]["analyzeArticle"]["processingStatus"] == "PROCESSING", body
            assert await _count_named(settings, "Redis back") == 1
    finally:
        await proxy.close()
