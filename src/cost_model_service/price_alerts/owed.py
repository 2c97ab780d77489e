"""Evaluations owed after an index import, kept in PostgreSQL so that none is lost with
its job.

An import writes "the tenant's alerts are owed an evaluation for the values imported at
T" in its own transaction, then enqueues `evaluate_price_alerts` under an id made of the
tenant and T. The job deletes that row in the transaction that stores its evaluation, but
only if the row still says T: an import committed meanwhile (values the job may not have
read) leaves its own T, and its own job. Redis may lose the job (a flush, a restart
without persistence, an outage at the enqueue): the worker's sweep finds the row and
enqueues the job again under the same id (`requeue_lost`), so an enqueue the import did
after all is never a second job.
"""

import logging
import uuid
from datetime import UTC, datetime, timedelta

from arq.connections import ArqRedis
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.jobs.names import JobName
from cost_model_service.jobs.queue import enqueue_job, job_is_live
from cost_model_service.price_alerts.models import PriceAlertEvaluationOwed
from cost_model_service.price_alerts.service import FiredAlert, evaluate_alerts
from cost_model_service.redis_keys import RedisKeys

log = logging.getLogger(__name__)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def job_key(tenant_id: uuid.UUID, imported_at: datetime) -> str:
    """`<tenant>:<import time in µs>`: one evaluation per import (one still queued would
    do, but one already running may have read the values before this import's commit)."""
    return f"{tenant_id}:{(imported_at - _EPOCH) // timedelta(microseconds=1)}"


async def owe(session: AsyncSession, tenant_id: uuid.UUID, imported_at: datetime) -> None:
    """In the import's transaction. Not committed."""
    await session.exec(
        insert(PriceAlertEvaluationOwed)
        .values(tenant_id=tenant_id, imported_at=imported_at)
        .on_conflict_do_update(index_elements=["tenant_id"], set_={"imported_at": imported_at})
    )


async def enqueue(
    queue: ArqRedis, keys: RedisKeys, tenant_id: uuid.UUID, imported_at: datetime
) -> bool:
    """Raises QueueUnavailable on a Redis outage (the sweep enqueues it later)."""
    key = job_key(tenant_id, imported_at)
    return await enqueue_job(queue, keys, JobName.EVALUATE_PRICE_ALERTS, str(tenant_id), key=key)


async def evaluate_and_settle(session: AsyncSession, tenant_id: uuid.UUID) -> list[FiredAlert]:
    """The job's work: evaluate every alert of the tenant and clear what this evaluation
    covered, in one commit. The owed row is read first, so the values read after it are
    at least as new as the import it names."""
    statement = select(PriceAlertEvaluationOwed.imported_at).where(
        col(PriceAlertEvaluationOwed.tenant_id) == tenant_id
    )
    owed_at = (await session.exec(statement)).one_or_none()
    fired = await evaluate_alerts(session, tenant_id)
    if owed_at is not None:
        await session.exec(
            delete(PriceAlertEvaluationOwed).where(
                col(PriceAlertEvaluationOwed.tenant_id) == tenant_id,
                col(PriceAlertEvaluationOwed.imported_at) == owed_at,
            )
        )
    await session.commit()
    return fired


async def requeue_lost(session: AsyncSession, queue: ArqRedis, keys: RedisKeys, limit: int) -> int:
    """The sweep's part: enqueue again every owed evaluation whose job Redis no longer
    holds. A job that ran and gave up (its row stays) has its result kept by arq for an
    hour (keep_result): the enqueue is refused until then, so a failing evaluation is
    tried again hourly, not at every sweep."""
    statement = (
        select(PriceAlertEvaluationOwed)
        .order_by(col(PriceAlertEvaluationOwed.imported_at))
        .limit(limit)
    )
    requeued = 0
    for owed in (await session.exec(statement)).all():
        key = job_key(owed.tenant_id, owed.imported_at)
        if await job_is_live(queue, keys.job_id(JobName.EVALUATE_PRICE_ALERTS, key)):
            continue
        if await enqueue(queue, keys, owed.tenant_id, owed.imported_at):
            requeued += 1
    if requeued:
        log.warning("sweep: %d owed price alert evaluation(s) enqueued again", requeued)
    return requeued
