"""Submitting articles for analysis: store, commit, and only then enqueue."""

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
from cost_model_service.config import Settings
from cost_model_service.errors import BadUserInput, NotFound, ServiceUnavailable
from cost_model_service.events.publisher import publish_status
from cost_model_service.worker.queue import enqueue_analysis

log = logging.getLogger(__name__)


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

    If the queue cannot be reached the article is removed again and the caller gets
    SERVICE_UNAVAILABLE: nothing is left PROCESSING without a job behind it."""
    article = articles.add_for_analysis(session, tenant_id, article_name, description, files)
    await session.commit()
    try:
        await enqueue_analysis(queue, settings, article.id, article.analysis_attempt)
    except Exception as error:
        log.error("could not enqueue article %s: %s", article.id, error)
        await session.delete(article)
        await session.commit()
        raise ServiceUnavailable("the job queue is unavailable: try again shortly") from error
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
        log.error("could not enqueue article %s: %s", article.id, error)
        articles.move_to(article, ProcessingStage.queued, status=ProcessingStatus.failed,
                         error="the job queue was unavailable: try again")
        await session.commit()
        raise ServiceUnavailable("the job queue is unavailable: try again shortly") from error
    await publish_status(queue, settings, article)
    return article
