"""PostgreSQL stopped (pg_ctl -m fast, as in a crash or failover) and started again: the API
answers SERVICE_UNAVAILABLE, not a stack trace; a job is retried and completes; nothing is
half-written. Runs on an embedded PostgreSQL of its own: never the machine's."""

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from cost_model_service.config import Settings
from cost_model_service.db import create_engine
from cost_model_service.outages import is_outage
from tests.fake_openai import FakeOpenAI
from tests.graphql_client import SUBSCRIBE_STATUS, post, subscribe, upload
from tests.helpers import changed, submit
from tests.resilience.servers import RestartablePostgres, migrated_postgres
from tests.resilience.support import wait_for, wait_for_status
from tests.stack import running_stack, running_worker

# Real processes (uvicorn, arq, subprocesses): not in the fast tier, `pytest -m "not slow"`.
pytestmark = pytest.mark.slow

QUERIES = {
    "article": "query A($id: ID!) { article(id: $id) { id processingStatus } }",
    "articleStatus": "query S($id: ID!) { articleStatus(id: $id) { processingStatus } }",
    "articles": "{ articles(first: 5) { edges { node { id } } } }",
}


@pytest.fixture(scope="module")
async def postgres() -> AsyncIterator[tuple[RestartablePostgres, str]]:
    async with migrated_postgres() as server_and_url:
        yield server_and_url


def spec() -> bytes:
    return (
        b"Helical gearbox HG-80\nShafts: steel 42CrMo4\nNet weight: 14.8 kg\n"
        + f"Drawing {uuid.uuid4()}\n".encode()
    )


def _code(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["extensions"]["code"])


async def test_api_answers_service_unavailable_while_postgres_is_down(
    fast: Settings, postgres: tuple[RestartablePostgres, str]
) -> None:
    server, url = postgres
    settings = changed(fast, database_url=url)
    async with running_stack(settings, worker=False) as stack:
        article_id = await submit(stack, spec())  # a warm pool: its connections die below
        server.stop()
        try:
            for name, query in QUERIES.items():
                variables = {"id": article_id} if "$id" in query else {}
                response = await stack.http.post(
                    stack.graphql_url, json={"query": query, "variables": variables}
                )
                assert "Traceback" not in response.text and "asyncpg" not in response.text
                assert _code(response.json()) == "SERVICE_UNAVAILABLE", (name, response.text)
            response = await upload(
                stack.http,
                stack.graphql_url,
                name="PostgreSQL down",
                spec=("spec.txt", spec(), "text/plain"),
            )
            assert _code(response.json()) == "SERVICE_UNAVAILABLE", response.text
            async with asyncio.timeout(10):
                payloads = [
                    p async for p in subscribe(stack.ws_url, SUBSCRIBE_STATUS, {"id": article_id})
                ]
            assert _code(payloads[-1]) == "SERVICE_UNAVAILABLE", payloads
        finally:
            server.start()
        # Back without a restart of the API: the pool's pre-ping replaces dead connections.
        body = await post(stack.http, stack.graphql_url, QUERIES["article"], id=article_id)
        assert body["data"]["article"]["id"] == article_id, body


async def test_a_job_is_retried_through_a_database_outage(
    fast: Settings,
    fake_openai: FakeOpenAI,
    postgres: tuple[RestartablePostgres, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    server, url = postgres
    # Backoff 1, 2, 4 s: the outage below (about 2 s) ends within the tries.
    settings = changed(
        fast, database_url=url, job_timeout_seconds=15, job_max_tries=4, job_retry_seconds=1.0
    )
    fake_openai.set_latency(1.0)
    caplog.set_level(logging.WARNING, logger="cost_model_service.worker.tasks")
    async with running_stack(settings, worker=False) as stack:
        article_id = await submit(stack, spec())
        async with running_worker(settings):
            await wait_for(lambda: len(fake_openai.chat_requests()) > 0, 20)
            server.stop()  # under the job, in the middle of its first LLM call
            try:
                await wait_for(lambda: "the database was unavailable" in caplog.text, 10)
                await asyncio.sleep(1)
            finally:
                server.start()
            fake_openai.set_latency(0)
            row = await wait_for_status(settings, article_id, {"completed", "failed"}, 20)
    assert row["processing_status"] == "completed", row
    assert row["processing_error"] is None
    codes = [code for code, _ in row["parts"]]
    assert len(codes) == len(set(codes)) and sum(p for _, p in row["parts"]) == Decimal(100)
    assert "retrying in" in caplog.text


async def test_what_a_vanished_postgres_raises_counts_as_an_outage(
    postgres: tuple[RestartablePostgres, str],
) -> None:
    """The exception types, as a real server produces them: a query on a connection the
    server closed (a DBAPIError, neither Operational- nor InterfaceError) and a new
    connection to a stopped server (a bare OSError)."""
    server, url = postgres
    engine = create_engine(url, pool_size=1)
    errors: list[BaseException] = []
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
            server.stop()
            try:
                with pytest.raises(DBAPIError) as in_query:
                    await connection.execute(text("SELECT 1"))
                errors.append(in_query.value)
                with pytest.raises(OSError) as connecting:
                    async with engine.connect() as fresh:
                        await fresh.execute(text("SELECT 1"))
                errors.append(connecting.value)
            finally:
                server.start()
    finally:
        await engine.dispose()
    assert all(is_outage(error) for error in errors), errors
    assert not is_outage(DBAPIError("SELECT 1", {}, ValueError("a bug"), False))


async def test_a_subscription_rides_out_a_database_outage(
    fast: Settings, postgres: tuple[RestartablePostgres, str]
) -> None:
    """Re-reads during the outage fail; the subscription waits for PostgreSQL instead of
    ending with an error, then delivers the terminal state."""
    server, url = postgres
    settings = changed(fast, database_url=url, events_quiet_resync_seconds=0.5)
    async with running_stack(settings, worker=False) as stack:
        article_id = await submit(stack, spec())
        payloads: list[dict[str, Any]] = []

        async def follow() -> None:
            async for payload in subscribe(stack.ws_url, SUBSCRIBE_STATUS, {"id": article_id}):
                payloads.append(payload)

        follower = asyncio.create_task(follow())
        await wait_for(lambda: len(payloads) == 1, 10)
        server.stop()
        try:
            await asyncio.sleep(3)  # several quiet re-reads fail meanwhile
            assert not follower.done(), payloads
        finally:
            server.start()
        async with running_worker(settings):
            await asyncio.wait_for(follower, 30)
    assert all("errors" not in p for p in payloads), payloads
    assert payloads[-1]["data"]["articleStatus"]["processingStatus"] == "COMPLETED", payloads
