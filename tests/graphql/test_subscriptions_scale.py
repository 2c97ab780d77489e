"""Hundreds of live subscriptions on the real stack: none fails, none misses an event, and
keeping them costs PostgreSQL batched reads only, never a read per subscriber."""

import asyncio
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import websockets
from sqlalchemy import event

from cost_model_service.articles import service as articles
from cost_model_service.articles.models import ProcessingStage
from cost_model_service.config import Settings
from cost_model_service.db import SessionMaker
from tests.graphql_client import SUBSCRIBE_STATUS
from tests.helpers import changed, submit
from tests.stack import Stack, running_stack, running_worker

pytestmark = pytest.mark.slow

PER_ARTICLE = 100
SPEC = b"Hinge H-110\nsteel\nWeight: 85 g\n"


class Client:
    """One graphql-transport-ws subscription, keeping every status it got."""

    def __init__(self, ws_url: str, article_id: str) -> None:
        self.ws_url, self.article_id = ws_url, article_id
        self.statuses: list[dict[str, Any]] = []
        self.errors: list[Any] = []
        self.got = asyncio.Event()

    async def run(self) -> None:
        async with websockets.connect(self.ws_url, subprotocols=["graphql-transport-ws"]) as ws:
            await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            await ws.send(
                json.dumps(
                    {
                        "id": "1",
                        "type": "subscribe",
                        "payload": {
                            "query": SUBSCRIBE_STATUS,
                            "variables": {"id": self.article_id},
                        },
                    }
                )
            )
            async for raw in ws:
                message = json.loads(raw)
                if message["type"] == "next" and "errors" not in message["payload"]:
                    self.statuses.append(message["payload"]["data"]["articleStatus"])
                    self.got.set()
                elif message["type"] == "complete":
                    return
                elif message["type"] != "ping":
                    self.errors.append(message)
                    return

    def versions(self) -> list[int]:
        return [status["version"] for status in self.statuses]


@contextmanager
def article_reads(stack: Stack) -> Iterator[list[str]]:
    """Every statement the API runs against the article table."""
    engine = stack.services.sessionmaker.kw["bind"].sync_engine
    seen: list[str] = []

    def note(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "FROM article" in statement:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


async def until(predicate: Any, limit: float = 60) -> None:
    async with asyncio.timeout(limit):
        while not predicate():
            await asyncio.sleep(0.05)


async def test_hundreds_of_subscriptions_cost_batched_reads_and_miss_nothing(
    settings: Settings,
    sessionmaker: SessionMaker,
) -> None:
    settings = changed(settings, events_quiet_resync_seconds=0.3)
    async with running_stack(settings, worker=False) as stack:
        ids = [await submit(stack, SPEC, name=f"Hinge {n}") for n in range(3)]
        clients = [
            Client(stack.ws_url, article_id) for article_id in ids for _ in range(PER_ARTICLE)
        ]
        tasks = [asyncio.create_task(client.run()) for client in clients]
        try:
            await until(lambda: all(client.statuses or client.errors for client in clients))
            with article_reads(stack) as reads:
                watch = stack.services.broadcaster.shared("article-status", lambda: None)
                batches = watch.reads
                await until(lambda: watch.reads >= batches + 3)  # three quiet intervals
                # A change committed but never published (an event lost on the way).
                async with sessionmaker() as session:  # the test's own engine
                    lost = await articles.get_for_update(session, uuid.UUID(ids[0]))
                    assert lost is not None
                    articles.move_to(lost, ProcessingStage.EXTRACTING_TEXT)
                    await session.commit()
                await until(lambda: all(2 in c.versions() for c in clients[:PER_ARTICLE]))
            # Only batched reads (`= ANY`), however many subscribe: none per subscriber.
            assert reads and all("ANY" in statement for statement in reads), reads[:3]
            assert all(c.versions() == [1] for c in clients[PER_ARTICLE:])
            async with running_worker(settings):
                await asyncio.wait_for(asyncio.gather(*tasks), 120)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
    assert [c.errors for c in clients if c.errors] == []
    finals = {c.statuses[-1]["processingStatus"] for c in clients}
    assert finals == {"COMPLETED"}
    for client in clients:  # in order, no duplicates
        assert client.versions() == sorted(set(client.versions()))
