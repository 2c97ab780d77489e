"""Batches: creating one with its articles, counting them, and releasing its articles to
the queue a window at a time (fairness: see `release`).

Plain async functions taking a session; nothing here commits except where it says so.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.articles import service as articles
from cost_model_service.articles.models import Article, ProcessingStage, ProcessingStatus, utcnow
from cost_model_service.articles.schemas import NewFile
from cost_model_service.batches.models import AnalysisBatch
from cost_model_service.errors import NotFound


@dataclass(frozen=True)
class NewItem:
    article_name: str
    description: str | None
    files: Sequence[NewFile]


@dataclass(frozen=True)
class BatchCounts:
    pending: int = 0
    processing: int = 0
    completed: int = 0
    failed: int = 0
    # When the last of the batch's articles ended (once all have).
    finished_at: datetime | None = None

    @property
    def total(self) -> int:
        return self.pending + self.processing + self.completed + self.failed

    @property
    def done(self) -> bool:
        return self.pending == 0 and self.processing == 0

    @classmethod
    def of(
        cls, statuses: dict[ProcessingStatus, int], ended: Iterable[datetime | None] = ()
    ) -> "BatchCounts":
        numbers = {status.value: statuses.get(status, 0) for status in ProcessingStatus}
        times = [time for time in ended if time is not None]
        done = numbers["pending"] == 0 and numbers["processing"] == 0
        return cls(**numbers, finished_at=max(times) if done and times else None)


def validate_items(items: Sequence[NewItem]) -> None:
    """Every item checked before anything is stored (BadUserInput names the first bad one)."""
    for item in items:
        articles.validate_new_article(item.article_name, item.description, item.files)


async def add(
    session: AsyncSession, tenant_id: uuid.UUID, items: Sequence[NewItem], window: int
) -> tuple[AnalysisBatch, list[Article]]:
    """Stage the batch and its articles; the first `window` are PROCESSING (to be enqueued
    after the commit), the rest PENDING until `release` lets them in. Not committed."""
    batch = AnalysisBatch(tenant_id=tenant_id)
    session.add(batch)
    await session.flush()  # the articles refer to it (no ORM relationship orders the inserts)
    rows = []
    now = utcnow()
    for index, item in enumerate(items):
        article = articles.add_for_analysis(
            session, tenant_id, item.article_name, item.description, item.files
        )
        article.batch_id = batch.id
        # One microsecond apart, first item newest: the batch's `articles` (newest first)
        # list the items in the order sent, and `release` lets them in in that order.
        article.created_at = now - timedelta(microseconds=index)
        if index >= window:
            article.processing_status = ProcessingStatus.PENDING
        rows.append(article)
    return batch, rows


async def get_or_raise(
    session: AsyncSession, batch_id: uuid.UUID, tenant_id: uuid.UUID
) -> AnalysisBatch:
    """The tenant's batch; another tenant's answers exactly like a missing one."""
    batch = await session.get(AnalysisBatch, batch_id)
    if batch is None or batch.tenant_id != tenant_id:
        raise NotFound(f"analysis batch {batch_id} not found")
    return batch


async def counts(session: AsyncSession, batch_id: uuid.UUID) -> BatchCounts:
    """How many of the batch's articles are in each status: one query."""
    statement = (
        select(Article.processing_status, func.count(), func.max(Article.processing_completed_at))
        .where(col(Article.batch_id) == batch_id)
        .group_by(Article.processing_status)
    )
    rows = (await session.exec(statement)).all()
    return BatchCounts.of(
        {ProcessingStatus(row[0]): row[1] for row in rows}, (row[2] for row in rows)
    )


@dataclass(frozen=True)
class Known:
    """What a progress stream knows of one article."""

    status: ProcessingStatus
    version: int
    completed_at: datetime | None


async def statuses(session: AsyncSession, batch_id: uuid.UUID) -> dict[uuid.UUID, Known]:
    """Each article's status and version: what a progress stream starts from (one query)."""
    statement = select(
        Article.id, Article.processing_status, Article.version, Article.processing_completed_at
    ).where(col(Article.batch_id) == batch_id)
    rows = (await session.exec(statement)).all()
    return {row[0]: Known(ProcessingStatus(row[1]), row[2], row[3]) for row in rows}


async def release(
    session: AsyncSession, batch_id: uuid.UUID, window: int
) -> tuple[AnalysisBatch | None, list[Article]]:
    """Let PENDING articles in until `window` of the batch are PROCESSING, and mark the batch
    completed once none is left. The batch row is locked, so two workers finishing
    articles of one batch at once release each article once. Not committed: the caller
    commits, then enqueues what is returned.

    Why a window: arq has one queue, served oldest first. A batch enqueued whole would put
    its hundreds of jobs ahead of a single upload sent a second later; with at most
    `window` of a batch queued, that upload waits for a few jobs at most."""
    batch = (
        await session.exec(
            select(AnalysisBatch).where(col(AnalysisBatch.id) == batch_id).with_for_update()
        )
    ).one_or_none()
    if batch is None:
        return None, []
    current = await counts(session, batch_id)
    if current.done:
        if batch.completed_at is None:
            batch.completed_at = utcnow()
        return batch, []
    free = window - current.processing
    if free <= 0 or current.pending == 0:
        return batch, []
    statement = (
        select(Article)
        .where(col(Article.batch_id) == batch_id)
        .where(col(Article.processing_status) == ProcessingStatus.PENDING)
        .order_by(col(Article.created_at).desc(), col(Article.id))
        .limit(free)
        .with_for_update()
    )
    released = list((await session.exec(statement)).all())
    for article in released:
        articles.move_to(article, ProcessingStage.QUEUED)
    return batch, released


async def stalled(session: AsyncSession, limit: int) -> list[uuid.UUID]:
    """Open batches with PENDING articles and none PROCESSING: a worker stopped between an
    article's end and releasing the next. The sweep releases them again."""
    processing = (
        select(Article.id)
        .where(col(Article.batch_id) == AnalysisBatch.id)
        .where(col(Article.processing_status) == ProcessingStatus.PROCESSING)
        .exists()
    )
    pending = (
        select(Article.id)
        .where(col(Article.batch_id) == AnalysisBatch.id)
        .where(col(Article.processing_status) == ProcessingStatus.PENDING)
        .exists()
    )
    statement = (
        select(AnalysisBatch.id)
        .where(col(AnalysisBatch.completed_at).is_(None))
        .where(pending)
        .where(~processing)
        .limit(limit)
    )
    return list((await session.exec(statement)).all())
