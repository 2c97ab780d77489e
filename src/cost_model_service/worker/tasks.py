"""The arq job: run one analysis attempt, retrying transient failures, failing the rest."""

import logging
import uuid
from typing import Any

from arq import Retry

from cost_model_service.analysis import pipeline
from cost_model_service.analysis.base import AnalysisError
from cost_model_service.db import session_scope

log = logging.getLogger(__name__)


async def analyze_article(ctx: dict[str, Any], article_id: str, attempt: int) -> None:
    settings = ctx["settings"]
    job_try: int = ctx.get("job_try", 1)
    async with session_scope(ctx["sessionmaker"]) as session:
        final_try = job_try >= settings.job_max_tries
        job = pipeline.Context(session, ctx["redis"], settings, ctx["analyzer"], final_try)
        try:
            await pipeline.run(job, uuid.UUID(article_id), attempt)
        except AnalysisError as error:
            if error.transient and job_try < settings.job_max_tries:
                # arq retries only on Retry; an ordinary exception would fail the job for good.
                defer = settings.job_retry_seconds * 2 ** (job_try - 1)
                log.warning("article %s try %s: %s; retrying in %.0fs", article_id, job_try,
                            error.message, defer)
                raise Retry(defer=defer) from error
            reason = error.message
            if error.transient:
                reason += f" (gave up after {job_try} tries)"
            await pipeline.mark_failed(job, uuid.UUID(article_id), attempt, reason)
        except Exception as error:
            log.exception("article %s failed unexpectedly", article_id)
            reason = f"internal error during analysis ({type(error).__name__}); see the worker log"
            await pipeline.mark_failed(job, uuid.UUID(article_id), attempt, reason)
