"""A price alert evaluation owed after an index import survives the loss of its job:
PostgreSQL records it, the sweep enqueues it again under the same id, a worker runs it
and the alert fires."""

import asyncio
import uuid
from decimal import Decimal
from typing import Any

import pytest
from arq.constants import job_key_prefix
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.config import Settings
from cost_model_service.index_series.importers import IndexFileFormat
from cost_model_service.jobs.names import JobName
from cost_model_service.jobs.queue import job_is_live
from cost_model_service.price_alerts.models import PriceAlertKind
from cost_model_service.price_alerts.owed import job_key
from cost_model_service.pricing import service as pricing
from cost_model_service.worker.sweep import sweep
from tests.pricing.db import Queue, owed_row, queue, session, tenant_id, worked_example
from tests.stack import running_worker

__all__ = ["queue", "session", "tenant_id"]  # fixtures

pytestmark = pytest.mark.slow  # a real arq worker


async def _lose_every_queued_job(queue: Queue) -> None:
    """What a Redis flush does to this test's queue (the test's prefix only: the Redis
    server is shared)."""
    job_ids = [job.decode() for job in await queue.redis.zrange(queue.keys.queue, 0, -1)]
    assert job_ids  # the imports queued their evaluations
    await queue.redis.delete(queue.keys.queue, *(job_key_prefix + job for job in job_ids))


async def test_an_evaluation_lost_with_its_job_is_enqueued_again_and_fires(
    settings: Settings,
    session: AsyncSession,
    queue: Queue,
    tenant_id: uuid.UUID,
    ctx: dict[str, Any],
) -> None:
    article_id = await worked_example(session, queue, tenant_id)
    alert, fired = await pricing.create_price_alert(
        session, tenant_id, article_id, PriceAlertKind.MOVE_FROM_BASE, Decimal("4")
    )
    assert fired == [] and alert.last_percent == Decimal("3.75")
    revised = b"series_code,period,value\nEX_STEEL,2025-01,140.0\n"  # moves it to 6.42 %
    result = await pricing.import_index_file(
        session, queue.redis, queue.keys, tenant_id, revised, IndexFileFormat.AUTO
    )
    assert await owed_row(session, tenant_id) == result.imported_at
    await _lose_every_queued_job(queue)
    job_id = queue.keys.job_id(
        JobName.EVALUATE_PRICE_ALERTS, job_key(tenant_id, result.imported_at)
    )
    assert not await job_is_live(queue.redis, job_id)

    assert (await sweep(ctx))["alert_evaluations"] == 1
    assert await job_is_live(queue.redis, job_id)  # the import's own id, not a second job
    assert (await sweep(ctx))["alert_evaluations"] == 0  # queued: left to arq

    async with running_worker(settings):
        async with asyncio.timeout(20):
            while await owed_row(session, tenant_id) is not None:
                await asyncio.sleep(0.1)
    await session.refresh(alert)
    assert alert.triggered and alert.last_percent == Decimal("6.42")
    assert (await sweep(ctx))["alert_evaluations"] == 0  # nothing owed any more
