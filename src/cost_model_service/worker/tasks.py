"""The jobs the worker runs: thin, as resolvers are. Each opens its session and calls a
service; retries, deadlines and giving up are the policy's (`worker/policy.py`).

Adding a job: its name in `jobs/names.py`, a function here under `@job(...)`, listed in
`JOBS`; services enqueue it with `jobs.queue.enqueue_job`.
"""

import logging
import uuid
from contextlib import AbstractAsyncContextManager
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.analysis import pipeline
from cost_model_service.analysis.base import AnalysisError
from cost_model_service.analysis.pipeline import AnalysisRun
from cost_model_service.batches.submission import after_article
from cost_model_service.db import held_session_scope, session_scope
from cost_model_service.events.publisher import RedisPublisher
from cost_model_service.jobs.names import JobName
from cost_model_service.price_alerts import feed, owed
from cost_model_service.worker.context import JobContext
from cost_model_service.worker.policy import Job, Verdict, job

log = logging.getLogger(__name__)


def _analysis_run(ctx: JobContext, session: AsyncSession) -> AnalysisRun:
    services = ctx.services
    return AnalysisRun(
        session,
        RedisPublisher(services.redis),
        services.settings,
        services.analyzer,
        final_try=ctx.final_try,
    )


def _judge_analysis(error: Exception) -> Verdict | None:
    if isinstance(error, AnalysisError):
        return Verdict(error.message, error.transient)
    return None


def _session(ctx: JobContext) -> AbstractAsyncContextManager[AsyncSession]:
    """The try's one session, on one connection for all its stage commits."""
    return held_session_scope(ctx.services.engine, ctx.services.sessionmaker)


async def fail_article(ctx: JobContext, reason: str, article_id: str, attempt: int) -> None:
    """FAILED with the reason, in a fresh session (the job's may be broken)."""
    async with _session(ctx) as session:
        await pipeline.mark_failed(
            _analysis_run(ctx, session), uuid.UUID(article_id), attempt, reason
        )
        await _advance_batch(ctx, session, article_id)


async def _advance_batch(ctx: JobContext, session: AsyncSession, article_id: str) -> None:
    """A batch's next article is let in when one of its articles ends (fairness: see
    batches/service.py release), in the session that ended it."""
    services = ctx.services
    await after_article(session, services.redis, services.settings, uuid.UUID(article_id))


@job(JobName.ANALYZE_ARTICLE, noun="analysis", give_up=fail_article, judge=_judge_analysis)
async def analyze_article(ctx: JobContext, article_id: str, attempt: int) -> None:
    """One try of one analysis attempt (a stale attempt's job does nothing)."""
    async with _session(ctx) as session:
        analysis = _analysis_run(ctx, session)
        try:
            article = await pipeline.run(analysis, uuid.UUID(article_id), attempt)
        finally:
            analysis.stages.enter(None)  # a try that failed mid-stage ends its stage too
        # An article's batch is set when it is created: one without has nothing to advance.
        if article is not None and article.batch_id is not None:
            await _advance_batch(ctx, session, article_id)


async def alerts_not_evaluated(ctx: JobContext, reason: str, tenant_id: str) -> None:
    """Nothing to mark: the alerts keep their last reading, and the evaluation stays owed
    (price_alerts/owed.py): the sweep enqueues it again once arq forgets this job (an hour)."""
    log.error("price alerts of tenant %s not evaluated: %s", tenant_id, reason)


@job(JobName.EVALUATE_PRICE_ALERTS, noun="price alert evaluation", give_up=alerts_not_evaluated)
async def evaluate_price_alerts(ctx: JobContext, tenant_id: str) -> None:
    """Every alert of the tenant, after an index import; what fired is announced after the
    commit."""
    async with session_scope(ctx.services.sessionmaker) as session:
        fired = await owed.evaluate_and_settle(session, uuid.UUID(tenant_id))
    await feed.announce(RedisPublisher(ctx.services.redis), ctx.services.keys, fired)


JOBS: tuple[Job[Any], ...] = (analyze_article, evaluate_price_alerts)
