"""The sweep: no article stays PROCESSING for ever.

A job can vanish without the article hearing of it: the API died between its commit and
the enqueue, Redis lost its data (a flush, a restart without persistence), arq expired or
timed out the job. Every `sweep_interval_seconds` one worker (an arq cron job, unique per
tick) looks for PROCESSING articles that have not moved for longer than a job may run
(job timeout + 10 s, arq's in-progress TTL: by then a live job has either moved the
article or died) and whose current attempt has no job in Redis. Each is enqueued again as
a new attempt (so a stray old job is skipped as stale) or, once its run is older than
`processing_deadline_seconds`, marked FAILED. Articles with a live job are left to arq,
which bounds them by tries and timeouts. Batches whose PENDING articles wait with none
PROCESSING (a worker stopped before letting the next in) are released again, and price
alert evaluations an index import owes whose job Redis lost are enqueued again
(price_alerts/owed.py).
"""

import logging
from datetime import timedelta
from typing import Any

from arq.cron import CronJob, cron

from cost_model_service.analysis.submission import analysis_job_is_live, enqueue_analysis
from cost_model_service.articles import service as articles
from cost_model_service.articles.models import Article, ProcessingStatus, utcnow
from cost_model_service.articles.status import publish_status
from cost_model_service.batches import service as batches
from cost_model_service.batches.submission import advance
from cost_model_service.config import Settings
from cost_model_service.db import session_scope
from cost_model_service.events.publisher import RedisPublisher
from cost_model_service.price_alerts import owed
from cost_model_service.worker.context import WorkerServices, services_of

log = logging.getLogger(__name__)

BATCH = 100


def stale_after(settings: Settings) -> timedelta:
    return timedelta(seconds=settings.job_timeout_seconds + 10)


def deadline_reason(settings: Settings) -> str:
    minutes = settings.processing_deadline_seconds / 60
    return (
        f"the analysis did not finish within {minutes:g} minutes (its job was lost or no "
        "worker was available); run reanalyzeArticle to try again"
    )


async def sweep(ctx: dict[Any, Any]) -> dict[str, int]:
    services = services_of(ctx)
    settings, redis = services.settings, services.redis
    now = utcnow()
    deadline = timedelta(seconds=settings.processing_deadline_seconds)
    requeued: list[Article] = []
    failed: list[Article] = []
    async with session_scope(services.sessionmaker) as session:
        # Locked (SKIP LOCKED): a job or a second sweep holding a row is busy with it.
        for article in await articles.list_stale_processing(
            session, updated_before=now - stale_after(settings), limit=BATCH
        ):
            if await analysis_job_is_live(redis, settings, article.id, article.analysis_attempt):
                continue
            if now - articles.run_started_at(article) > deadline:
                articles.move_to(
                    article,
                    article.processing_stage,
                    status=ProcessingStatus.FAILED,
                    error=deadline_reason(settings),
                )
                failed.append(article)
            else:
                articles.requeue(article)
                requeued.append(article)
        await session.commit()
    # As everywhere: commit first, then announce and enqueue. A failed enqueue leaves the
    # article stale again, and the next sweep retries it.
    publisher = RedisPublisher(redis)
    for article in failed + requeued:
        await publish_status(publisher, services.keys, article)
    for article in requeued:
        await enqueue_analysis(redis, settings, article.id, article.analysis_attempt)
    stalled = await _release_stalled_batches(services)
    async with session_scope(services.sessionmaker) as session:
        alerts = await owed.requeue_lost(session, redis, services.keys, BATCH)
    if failed or requeued:
        log.warning(
            "sweep: %d PROCESSING article(s) without a job enqueued again, %d failed "
            "after the deadline",
            len(requeued),
            len(failed),
        )
    return {
        "requeued": len(requeued),
        "failed": len(failed),
        "batches": stalled,
        "alert_evaluations": alerts,
    }


async def _release_stalled_batches(services: WorkerServices) -> int:
    """Batches whose worker stopped between an article's end and letting the next in."""
    async with session_scope(services.sessionmaker) as session:
        stalled = await batches.stalled(session, limit=BATCH)
        for batch_id in stalled:
            await advance(session, services.redis, services.settings, batch_id)
    if stalled:
        log.warning("sweep: %d stalled batch(es) released again", len(stalled))
    return len(stalled)


def sweep_cron(settings: Settings) -> CronJob | None:
    """Every sweep_interval_seconds, and once at start (picking up what a restart lost);
    None when the interval is 0 (off)."""
    interval = settings.sweep_interval_seconds
    if interval == 0:
        return None
    if interval < 60 and 60 % interval == 0:
        schedule: dict[str, Any] = {"second": set(range(0, 60, interval))}
    elif interval % 60 == 0 and 3600 % interval == 0:
        schedule = {"second": 0, "minute": set(range(0, 60, interval // 60))}
    else:
        raise ValueError(
            f"CMS_SWEEP_INTERVAL_SECONDS={interval} must divide 60, or be whole "
            "minutes that divide 60"
        )
    # Named with the prefix: arq's cron job ids are global, and deployments (or test runs)
    # sharing one Redis must each run their own sweep. The timeout stays within the job
    # timeout, since arq's in-progress TTL follows the longest function timeout.
    return cron(
        sweep,
        name=settings.redis_keys.sweep_cron,
        run_at_startup=True,
        timeout=min(60, settings.job_timeout_seconds),
        **schedule,
    )
