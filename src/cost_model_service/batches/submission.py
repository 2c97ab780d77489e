"""Submitting a batch, and letting its waiting articles into the queue as others finish.

As for one article (analysis/submission.py): store, commit, only then enqueue; a queue
outage at submission removes the whole batch again, so nothing is left behind.
"""

import logging
import uuid
from collections.abc import Sequence

from arq.connections import ArqRedis
from sqlmodel import col, delete
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.analysis.submission import enqueue_analysis
from cost_model_service.articles import service as articles
from cost_model_service.articles.models import Article, ProcessingStatus
from cost_model_service.articles.status import publish_status
from cost_model_service.batches import service as batches
from cost_model_service.batches.models import AnalysisBatch
from cost_model_service.config import Settings
from cost_model_service.events.publisher import RedisPublisher

log = logging.getLogger(__name__)


async def submit_batch(
    session: AsyncSession,
    queue: ArqRedis,
    settings: Settings,
    tenant_id: uuid.UUID,
    items: Sequence[batches.NewItem],
) -> AnalysisBatch:
    """The batch and all its articles in one commit, then the first window enqueued. A
    queue outage (QueueUnavailable) removes them all again before it reaches the caller."""
    batch, rows = await batches.add(session, tenant_id, items, settings.batch_window)
    await session.commit()
    try:
        for article in rows:
            if article.processing_status is ProcessingStatus.PROCESSING:
                await enqueue_analysis(queue, settings, article.id, article.analysis_attempt)
    except Exception:
        log.warning("could not enqueue batch %s: removing it again", batch.id)
        await session.rollback()
        await session.exec(delete(Article).where(col(Article.batch_id) == batch.id))
        await session.delete(batch)
        await session.commit()
        raise
    return batch


async def advance(
    session: AsyncSession, queue: ArqRedis, settings: Settings, batch_id: uuid.UUID
) -> int:
    """After one of the batch's articles ended: let the next ones in (and close the batch
    after its last). Returns how many were released. A failed enqueue leaves the article
    PROCESSING without a job, which the sweep enqueues again."""
    _, released = await batches.release(session, batch_id, settings.batch_window)
    await session.commit()
    publisher = RedisPublisher(queue)
    for article in released:
        await publish_status(publisher, settings.redis_keys, article)
    for article in released:
        await enqueue_analysis(queue, settings, article.id, article.analysis_attempt)
    return len(released)


async def after_article(
    session: AsyncSession, queue: ArqRedis, settings: Settings, article_id: uuid.UUID
) -> None:
    """Called by the worker after each analysis job: advances the article's batch, if any,
    once the article has ended."""
    article = await articles.get(session, article_id)
    if article is None or article.batch_id is None:
        return
    if article.processing_status.is_terminal:
        batch_id = article.batch_id
        await session.commit()  # ends the read; release() locks in its own transaction
        await advance(session, queue, settings, batch_id)
