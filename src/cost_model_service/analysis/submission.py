"""Submitting articles for analysis: store, commit, and only then enqueue.

The analysis job (`worker/tasks.py::analyze_article`) is enqueued from here only (the sweep
uses `enqueue_analysis` too): one job per article and attempt, so a double enqueue runs
once and a deliberate re-run, a new attempt, is a new job.
"""

import logging
import uuid
from collections.abc import Sequence

from arq.connections import ArqRedis
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.articles import service as articles
from cost_model_service.articles.models import (
    Article,
    ProcessingStage,
    ProcessingStatus,
)
from cost_model_service.articles.schemas import NewFile
from cost_model_service.articles.status import publish_status
from cost_model_service.config import Settings
from cost_model_service.errors import BadUserInput, NotFound
from cost_model_service.events.publisher import RedisPublisher
from cost_model_service.jobs.names import JobName
from cost_model_service.jobs.queue import QueueUnavailable, enqueue_job, job_is_live

log = logging.getLogger(__name__)


def analysis_job_id(settings: Settings, article_id: uuid.UUID, attempt: int) -> str:
    return settings.redis_keys.job_id(JobName.ANALYZE_ARTICLE, f"{article_id}:{attempt}")


async def enqueue_analysis(
    queue: ArqRedis, settings: Settings, article_id: uuid.UUID, attempt: int
) -> None:
    """Raises QueueUnavailable on a Redis outage."""
    await enqueue_job(
        queue,
        settings.redis_keys,
        JobName.ANALYZE_ARTICLE,
        str(article_id),
        attempt,
        key=f"{article_id}:{attempt}",
    )


async def analysis_job_is_live(
    redis: ArqRedis, settings: Settings, article_id: uuid.UUID, attempt: int
) -> bool:
    return await job_is_live(redis, analysis_job_id(settings, article_id, attempt))


async def submit(
    session: AsyncSession,
    queue: ArqRedis,
    settings: Settings,
    tenant_id: uuid.UUID,
    *,
    article_name: str,
    description: str | None,
    files: Sequence[NewFile],
) -> Article:
    """Store the article and its files in one commit, then enqueue its analysis.

    If the enqueue fails the article is removed again: nothing is left PROCESSING without a
    job behind it. A queue outage reaches the caller as SERVICE_UNAVAILABLE
    (QueueUnavailable); anything else is a bug and surfaces as one."""
    article = articles.add_for_analysis(session, tenant_id, article_name, description, files)
    await session.commit()
    try:
        await enqueue_analysis(queue, settings, article.id, article.analysis_attempt)
    except Exception:
        log.warning("could not enqueue article %s: removing it again", article.id)
        await session.delete(article)
        await session.commit()
        raise
    return article


async def resubmit(
    session: AsyncSession,
    queue: ArqRedis,
    settings: Settings,
    tenant_id: uuid.UUID,
    article_id: uuid.UUID,
) -> Article:
    """Analyze a finished (COMPLETED or FAILED) article again as a new attempt."""
    article = await articles.get_for_update(session, article_id)
    if article is None or article.tenant_id != tenant_id:
        raise NotFound(f"article {article_id} not found")
    if not article.processing_status.is_terminal:
        raise BadUserInput("the article is still being analyzed")
    articles.restart(article)
    await session.commit()
    try:
        await enqueue_analysis(queue, settings, article.id, article.analysis_attempt)
    except Exception as error:
        # FAILED again rather than PROCESSING without a job; a client may simply retry.
        reason = (
            "the job queue was unavailable: try again"
            if isinstance(error, QueueUnavailable)
            else "the analysis could not be queued (internal error): try again"
        )
        articles.move_to(
            article, ProcessingStage.QUEUED, status=ProcessingStatus.FAILED, error=reason
        )
        await session.commit()
        raise
    await publish_status(RedisPublisher(queue), settings.redis_keys, article)
    return article
