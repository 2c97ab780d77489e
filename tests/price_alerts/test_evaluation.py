"""Evaluating alerts with a real session: every trigger re-evaluates, a firing is recorded
and returned once, re-arming needs |percent| under threshold - 1 (no flapping)."""

import uuid
from decimal import Decimal as D

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.config import Settings
from cost_model_service.index_series import service as index_series
from cost_model_service.index_series.importers import IndexFileFormat
from cost_model_service.jobs.queue import create_redis
from cost_model_service.price_alerts.models import PriceAlertEvent, PriceAlertKind
from cost_model_service.price_alerts.service import evaluate_alerts
from cost_model_service.pricing import service as pricing
from tests.pricing.db import (
    Queue,
    fixture_bytes,
    owed_row,
    queue,
    session,
    tenant_id,
    worked_example,
)

__all__ = ["queue", "session", "tenant_id"]  # fixtures
AUTO = IndexFileFormat.AUTO


async def test_drift_fires_once_and_re_arms_only_under_threshold_minus_one(
    session: AsyncSession, queue: Queue, tenant_id: uuid.UUID
) -> None:
    article_id = await worked_example(session, queue, tenant_id)
    alert, fired = await pricing.create_price_alert(
        session, tenant_id, article_id, PriceAlertKind.DRIFT_FROM_PAID, D("5")
    )
    assert fired == [] and alert.last_percent is None  # nothing paid yet

    async def pay(price: str) -> list:
        _, fired = await pricing.record_paid_price(
            session, tenant_id, article_id, "2025-03", D(price)
        )
        await session.refresh(alert)
        return fired

    assert await pay("13.50") == [] and alert.last_percent == D("4.94")
    (fired,) = await pay("13.60")  # 5.71 %
    assert (
        fired.alert.id,
        fired.event.period,
        fired.event.percent,
        fired.event.modelled_price,
        fired.event.paid_price,
    ) == (alert.id, "2025-03", D("5.71"), D("12.87"), D("13.60"))
    assert alert.triggered
    assert await pay("13.55") == [] and alert.triggered  # 5.32 %: still fired, quiet
    assert await pay("13.40") == [] and alert.triggered  # 4.16 %: not under 4
    assert await pay("13.30") == [] and not alert.triggered  # 3.38 %: re-armed
    (again,) = await pay("12.10")  # -5.95 %: fires again, the other way
    assert again.event.percent == D("-5.95")
    events = (
        await session.exec(select(PriceAlertEvent).where(col(PriceAlertEvent.alert_id) == alert.id))
    ).all()
    assert sorted(e.percent for e in events) == [D("-5.95"), D("5.71")]


async def test_an_import_moves_the_base_reading_once_alerts_are_evaluated(
    session: AsyncSession, queue: Queue, tenant_id: uuid.UUID
) -> None:
    article_id = await worked_example(session, queue, tenant_id)
    alert, fired = await pricing.create_price_alert(
        session, tenant_id, article_id, PriceAlertKind.MOVE_FROM_BASE, D("4")
    )
    assert fired == [] and (alert.last_percent, alert.last_period) == (D("3.75"), "2025-03")
    revised = b"series_code,period,value\nEX_STEEL,2025-01,140.0\n"
    result = await pricing.import_index_file(
        session, queue.redis, queue.keys, tenant_id, revised, AUTO
    )
    assert (result.added, result.revised) == (0, 1)
    await session.refresh(alert)
    assert not alert.triggered  # an import does not evaluate in the request ...
    (fired,) = await evaluate_alerts(session, tenant_id)  # ... the background job will
    await session.commit()
    assert fired.event.percent == D("6.42") and fired.alert.triggered
    assert await evaluate_alerts(session, tenant_id) == []  # evaluated again: no repeat


async def test_evaluation_is_tenant_scoped_and_cost_model_edits_re_evaluate(
    session: AsyncSession, queue: Queue, tenant_id: uuid.UUID
) -> None:
    article_id = await worked_example(session, queue, tenant_id)
    _, fired = await pricing.create_price_alert(
        session, tenant_id, article_id, PriceAlertKind.MOVE_FROM_BASE, D("5")
    )
    assert fired == []
    assert await evaluate_alerts(session, uuid.uuid4()) == []  # another tenant: none of ours
    parts = [("FIXED", D("10")), ("STEEL", D("90"))]  # steel +10 % now moves 9 %
    _, fired = await pricing.update_cost_model(session, tenant_id, article_id, parts)
    assert [f.event.percent for f in fired] == [D("9.00")]


async def test_an_import_the_queue_cannot_take_is_kept_and_its_evaluation_owed(
    session: AsyncSession, settings: Settings, tenant_id: uuid.UUID
) -> None:
    """Redis refuses the evaluation job after the commit: the values stay imported (an
    import is all or nothing, and it was all), and PostgreSQL records the evaluation as
    owed, for the sweep to enqueue (tests/resilience/test_alert_sweep.py)."""
    unreachable = create_redis(settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"}))
    data = fixture_bytes("long_csv/worked_example.csv")
    try:
        result = await pricing.import_index_file(
            session, unreachable, settings.redis_keys, tenant_id, data, AUTO
        )
    finally:
        await unreachable.aclose()
    assert await owed_row(session, tenant_id) == result.imported_at
    assert [s.code for s in await index_series.list_series(session, tenant_id)] == [
        "EX_ELECTRICITY",
        "EX_LABOUR",
        "EX_PLASTICS",
        "EX_STEEL",
    ]
