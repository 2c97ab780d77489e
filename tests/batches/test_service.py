"""Batches with a session and the real queue: one commit for the batch and its articles,
a window of them enqueued, the rest let in as others end; a queue outage leaves nothing."""

import uuid
from collections.abc import AsyncIterator

import pytest
from arq.connections import ArqRedis
from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.analysis.submission import analysis_job_is_live
from cost_model_service.articles import service as articles
from cost_model_service.articles.models import (
    Article,
    FileKind,
    ProcessingStage,
    ProcessingStatus,
)
from cost_model_service.articles.schemas import NewFile
from cost_model_service.auth.models import DEFAULT_TENANT_ID
from cost_model_service.batches import service as batches
from cost_model_service.batches.models import AnalysisBatch
from cost_model_service.batches.submission import advance, submit_batch
from cost_model_service.config import Settings
from cost_model_service.db import SessionMaker
from cost_model_service.errors import BadUserInput, NotFound
from cost_model_service.jobs.queue import QueueUnavailable, create_redis
from tests.helpers import changed


def item(name: str) -> batches.NewItem:
    spec = NewFile(FileKind.specification, "spec.txt", "text/plain", b"Net weight: 2 kg")
    return batches.NewItem(name, None, [spec])


@pytest.fixture
def windowed(settings: Settings) -> Settings:
    return changed(settings, batch_window=2)


@pytest.fixture
async def down(settings: Settings) -> AsyncIterator[ArqRedis]:
    redis = create_redis(
        changed(settings, redis_url="redis://127.0.0.1:9/0", redis_socket_timeout_seconds=0.5)
    )
    yield redis
    await redis.aclose()


async def _articles(session: AsyncSession, batch_id: uuid.UUID) -> list[Article]:
    statement = (
        select(Article)
        .where(col(Article.batch_id) == batch_id)
        .order_by(col(Article.created_at).desc())
        .execution_options(populate_existing=True)
    )
    return list((await session.exec(statement)).all())


async def _end(session: AsyncSession, article: Article, status: ProcessingStatus) -> None:
    locked = await articles.get_for_update(session, article.id)
    assert locked is not None
    articles.move_to(locked, ProcessingStage.DONE, status=status)
    await session.commit()


async def test_a_window_of_the_batch_is_queued_the_rest_follow_as_articles_end(
    session: AsyncSession, queue: ArqRedis, windowed: Settings
) -> None:
    batch = await submit_batch(
        session, queue, windowed, DEFAULT_TENANT_ID, [item(f"part {n}") for n in range(5)]
    )
    rows = await _articles(session, batch.id)
    # Listed newest first, the items come in the order sent; the first two are queued.
    assert [row.article_name for row in rows] == [f"part {n}" for n in range(5)]
    assert [row.processing_status for row in rows] == (
        [ProcessingStatus.PROCESSING] * 2 + [ProcessingStatus.PENDING] * 3
    )
    assert await queue.zcard(windowed.redis_keys.queue) == 2
    assert await batches.counts(session, batch.id) == batches.BatchCounts(pending=3, processing=2)

    assert await advance(session, queue, windowed, batch.id) == 0  # the window is full
    await _end(session, rows[0], ProcessingStatus.COMPLETED)
    assert await advance(session, queue, windowed, batch.id) == 1
    rows = await _articles(session, batch.id)
    assert rows[2].processing_status is ProcessingStatus.PROCESSING  # the next in order
    assert await analysis_job_is_live(queue, windowed, rows[2].id, 1)

    for row in rows[1:]:
        await _end(session, row, ProcessingStatus.FAILED)
    assert await advance(session, queue, windowed, batch.id) == 0
    counts = await batches.counts(session, batch.id)
    assert (counts.total, counts.completed, counts.failed, counts.done) == (5, 1, 4, True)
    assert counts.finished_at is not None
    closed = await session.get(AnalysisBatch, batch.id)
    assert closed is not None and closed.completed_at is not None


async def test_a_stalled_batch_is_found_for_the_sweep(
    session: AsyncSession, queue: ArqRedis, windowed: Settings
) -> None:
    batch = await submit_batch(
        session, queue, windowed, DEFAULT_TENANT_ID, [item(f"part {n}") for n in range(3)]
    )
    rows = await _articles(session, batch.id)
    assert batch.id not in await batches.stalled(session, limit=1000)
    for row in rows[:2]:  # both ended, and no worker let the third in
        await _end(session, row, ProcessingStatus.COMPLETED)
    assert batch.id in await batches.stalled(session, limit=1000)
    assert await advance(session, queue, windowed, batch.id) == 1
    assert batch.id not in await batches.stalled(session, limit=1000)


async def test_a_queue_outage_leaves_neither_batch_nor_articles(
    session: AsyncSession, sessionmaker: SessionMaker, down: ArqRedis, settings: Settings
) -> None:
    async def total() -> tuple[int, int]:
        async with sessionmaker() as other:
            batches_n = (await other.exec(select(func.count()).select_from(AnalysisBatch))).one()
            articles_n = (await other.exec(select(func.count()).select_from(Article))).one()
        return batches_n, articles_n

    before = await total()
    with pytest.raises(QueueUnavailable):
        await submit_batch(session, down, settings, DEFAULT_TENANT_ID, [item("a"), item("b")])
    assert await total() == before


async def test_items_are_checked_and_batches_belong_to_their_tenant(
    session: AsyncSession, queue: ArqRedis, settings: Settings
) -> None:
    with pytest.raises(BadUserInput, match="articleName must not be blank"):
        batches.validate_items([item("fine"), item("   ")])
    batch = await submit_batch(session, queue, settings, DEFAULT_TENANT_ID, [item("a")])
    assert (await batches.get_or_raise(session, batch.id, DEFAULT_TENANT_ID)).id == batch.id
    with pytest.raises(NotFound):
        await batches.get_or_raise(session, batch.id, uuid.uuid4())
