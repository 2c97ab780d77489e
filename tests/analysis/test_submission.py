"""Submitting with a session and the real queue: committed first, then one job per attempt;
an outage of the queue is SERVICE_UNAVAILABLE and leaves nothing behind; a bug is a bug."""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from arq.connections import ArqRedis
from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.analysis import submission
from cost_model_service.articles import service as articles
from cost_model_service.articles.models import (
    Article,
    FileKind,
    ProcessingStage,
    ProcessingStatus,
)
from cost_model_service.articles.schemas import NewFile
from cost_model_service.auth.models import DEFAULT_TENANT_ID
from cost_model_service.config import Settings
from cost_model_service.db import SessionMaker
from cost_model_service.errors import BadUserInput, NotFound, ServiceUnavailable
from cost_model_service.jobs.queue import QueueUnavailable, create_redis
from tests.helpers import changed

FILES = [NewFile(FileKind.specification, "spec.txt", "text/plain", b"Net weight: 2 kg")]


class BrokenQueue(ArqRedis):
    """A queue client with a bug in it (not an outage)."""

    async def enqueue_job(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("a bug in the enqueue")


@pytest.fixture
async def down(settings: Settings) -> AsyncIterator[ArqRedis]:
    """The queue's client pointed at a port nobody listens on: Redis is down."""
    redis = create_redis(
        changed(settings, redis_url="redis://127.0.0.1:9/0", redis_socket_timeout_seconds=0.5)
    )
    yield redis
    await redis.aclose()


async def submit(session: AsyncSession, queue: ArqRedis, settings: Settings) -> uuid.UUID:
    article = await submission.submit(
        session,
        queue,
        settings,
        DEFAULT_TENANT_ID,
        article_name="Bracket",
        description=None,
        files=FILES,
    )
    return article.id


async def exists(sessionmaker: SessionMaker, article_id: uuid.UUID) -> bool:
    async with sessionmaker() as session:
        return await articles.get(session, article_id) is not None


async def count(sessionmaker: SessionMaker) -> int:
    async with sessionmaker() as session:
        return (await session.exec(select(func.count()).select_from(Article))).one()


async def test_a_submission_is_committed_then_enqueued_once_per_attempt(
    session: AsyncSession, sessionmaker: SessionMaker, queue: ArqRedis, settings: Settings
) -> None:
    article_id = await submit(session, queue, settings)
    assert await exists(sessionmaker, article_id)
    assert await submission.analysis_job_is_live(queue, settings, article_id, 1)
    assert submission.analysis_job_id(settings, article_id, 1) == (
        f"{settings.redis_prefix}:analyze:{article_id}:1"
    )
    assert await queue.zcard(settings.redis_keys.queue) == 1
    await submission.enqueue_analysis(queue, settings, article_id, 1)  # again: the same job
    assert await queue.zcard(settings.redis_keys.queue) == 1


async def test_a_queue_outage_is_service_unavailable_and_leaves_no_article(
    session: AsyncSession, sessionmaker: SessionMaker, down: ArqRedis, settings: Settings
) -> None:
    before = await count(sessionmaker)
    with pytest.raises(QueueUnavailable) as refused:
        await submit(session, down, settings)
    assert isinstance(refused.value, ServiceUnavailable)
    assert refused.value.code == "SERVICE_UNAVAILABLE"
    assert refused.value.message == "the job queue is unavailable: try again shortly"
    assert await count(sessionmaker) == before


async def test_a_bug_in_the_enqueue_is_not_an_outage_and_leaves_no_article(
    session: AsyncSession, sessionmaker: SessionMaker, queue: ArqRedis, settings: Settings
) -> None:
    broken = BrokenQueue(queue.connection_pool)
    before = await count(sessionmaker)
    with pytest.raises(TypeError, match="a bug in the enqueue"):
        await submit(session, broken, settings)
    assert await count(sessionmaker) == before


async def test_resubmit_runs_a_finished_article_again_as_a_new_attempt(
    session: AsyncSession, queue: ArqRedis, settings: Settings
) -> None:
    article_id = await submit(session, queue, settings)
    with pytest.raises(BadUserInput, match="still being analyzed"):
        await submission.resubmit(session, queue, settings, DEFAULT_TENANT_ID, article_id)
    await session.rollback()
    with pytest.raises(NotFound):
        await submission.resubmit(session, queue, settings, uuid.uuid4(), article_id)
    await session.rollback()
    article = await articles.get_for_update(session, article_id)
    assert article is not None
    articles.move_to(article, ProcessingStage.DONE, status=ProcessingStatus.COMPLETED)
    await session.commit()

    again = await submission.resubmit(session, queue, settings, DEFAULT_TENANT_ID, article_id)
    assert (again.analysis_attempt, again.processing_stage) == (2, ProcessingStage.QUEUED)
    assert await submission.analysis_job_is_live(queue, settings, article_id, 2)


async def test_resubmit_during_a_queue_outage_fails_the_article_with_the_reason(
    session: AsyncSession, queue: ArqRedis, down: ArqRedis, settings: Settings
) -> None:
    article_id = await submit(session, queue, settings)
    article = await articles.get_for_update(session, article_id)
    assert article is not None
    articles.move_to(article, ProcessingStage.DONE, status=ProcessingStatus.COMPLETED)
    await session.commit()
    with pytest.raises(QueueUnavailable):
        await submission.resubmit(session, down, settings, DEFAULT_TENANT_ID, article_id)
    assert article.processing_status is ProcessingStatus.FAILED
    assert article.processing_error == "the job queue was unavailable: try again"
