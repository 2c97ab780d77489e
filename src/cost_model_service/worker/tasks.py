"""The arq job: run one analysis attempt; retry what may pass, fail the rest at once.

arq retries a job only when it raises `Retry` (or is cancelled, e.g. handed back on
SIGTERM); any other exception, and arq's own job timeout, end the job for good and would
leave the article PROCESSING. So every failure is classified here:

- transient (LLM rate limit, timeout, 5xx; PostgreSQL or Redis unavailable; this try
  overrunning its deadline): `Retry(defer=job_retry_seconds * 2**(try-1))` while tries
  remain, then FAILED with the last reason;
- permanent (unreadable file, rejected key, a bug): FAILED at once.
"""

import asyncio
import logging
import uuid
from typing import Any

from arq import Retry

from cost_model_service.analysis import pipeline
from cost_model_service.analysis.base import AnalysisError
from cost_model_service.config import Settings
from cost_model_service.db import session_scope
from cost_model_service.outages import describe, is_outage

log = logging.getLogger(__name__)


def own_deadline(settings: Settings) -> float:
    """A try stops itself a little before arq's job timeout, so that it can still retry or
    write FAILED; arq's timeout is the backstop (and the sweep behind that)."""
    timeout = settings.job_timeout_seconds
    return timeout - min(5.0, timeout / 10)


async def analyze_article(ctx: dict[str, Any], article_id: str, attempt: int) -> None:
    settings: Settings = ctx["settings"]
    job_try: int = ctx.get("job_try", 1)
    target = uuid.UUID(article_id)
    if job_try > settings.job_max_tries:
        # We never Retry past the last try, so arq only gets here (its max_tries is ours
        # + 1) when the last try was cut short: the worker was killed or stopped.
        await _give_up(ctx, target, attempt, f"the analysis was interrupted (a worker stopped "
                       f"or crashed) and gave up after {settings.job_max_tries} tries")
        return
    deadline = asyncio.timeout(own_deadline(settings))
    try:
        async with deadline, session_scope(ctx["sessionmaker"]) as session:
            final_try = job_try >= settings.job_max_tries
            job = pipeline.Context(session, ctx["redis"], settings, ctx["analyzer"], final_try)
            await pipeline.run(job, target, attempt)
        return
    except AnalysisError as error:
        failure, reason, transient = error, error.message, error.transient
    except Exception as error:
        failure, transient = error, True
        if deadline.expired():
            reason = f"the analysis took longer than {own_deadline(settings):.0f}s"
        elif is_outage(error):
            reason = describe(error)
            log.warning("article %s try %s: %s: %r", article_id, job_try, reason, error)
        else:
            log.exception("article %s failed unexpectedly", article_id)
            reason = f"internal error during analysis ({type(error).__name__}); see the worker log"
            transient = False
    if transient and job_try < settings.job_max_tries:
        defer = settings.job_retry_seconds * 2 ** (job_try - 1)
        log.warning("article %s try %s: %s; retrying in %.1fs", article_id, job_try, reason, defer)
        raise Retry(defer=defer) from failure
    if transient:
        reason += f" (gave up after {job_try} tries)"
    await _give_up(ctx, target, attempt, reason)


async def _give_up(ctx: dict[str, Any], article_id: uuid.UUID, attempt: int, reason: str) -> None:
    """FAILED with the reason, in a fresh session (the job's may be broken). If PostgreSQL
    is still down this raises: arq ends the job, and the sweep finds the article later."""
    async with session_scope(ctx["sessionmaker"]) as session:
        job = pipeline.Context(session, ctx["redis"], ctx["settings"], ctx["analyzer"])
        await pipeline.mark_failed(job, article_id, attempt, reason)
