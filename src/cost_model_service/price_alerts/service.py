"""Creating, listing and deleting alerts, and evaluating them: the one function every
trigger calls (a price or basis change, a binding, a cost model edit, an index import)."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.articles.models import utcnow
from cost_model_service.errors import BadUserInput, NotFound
from cost_model_service.price_alerts import rules
from cost_model_service.price_alerts.models import (
    PriceAlert,
    PriceAlertEvent,
    PriceAlertFeed,
    PriceAlertKind,
)
from cost_model_service.pricing.decimals import checked
from cost_model_service.pricing.inputs import load_inputs

# Re-arming happens under threshold - 1, which needs a threshold of at least 1.
MIN_THRESHOLD, MAX_THRESHOLD = Decimal(1), Decimal(1000)


@dataclass(frozen=True)
class FiredAlert:
    """An alert that fired in this evaluation, and the event row that records it."""

    alert: PriceAlert
    event: PriceAlertEvent


async def create(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    article_id: uuid.UUID,
    kind: PriceAlertKind,
    threshold_percent: Decimal,
) -> tuple[PriceAlert, list[FiredAlert]]:
    """Create and evaluate at once. The caller checked the article. Not committed."""
    threshold = checked(threshold_percent, "thresholdPercent", places=2, max_digits=4)
    if not MIN_THRESHOLD <= threshold <= MAX_THRESHOLD:
        raise BadUserInput(
            f"thresholdPercent must be between {MIN_THRESHOLD} and "
            f"{MAX_THRESHOLD} (it re-arms under threshold - 1)"
        )
    alert = PriceAlert(
        tenant_id=tenant_id,
        article_id=article_id,
        kind=kind,
        threshold_percent=threshold.quantize(Decimal("0.01")),
    )
    session.add(alert)
    await session.flush()
    fired = await evaluate_alerts(session, tenant_id, alert_ids=[alert.id])
    return alert, fired


async def get(session: AsyncSession, tenant_id: uuid.UUID, alert_id: uuid.UUID) -> PriceAlert:
    alert = await session.get(PriceAlert, alert_id)
    if alert is None or alert.tenant_id != tenant_id:
        raise NotFound(f"price alert {alert_id} not found")
    return alert


async def delete(session: AsyncSession, tenant_id: uuid.UUID, alert_id: uuid.UUID) -> None:
    """Not committed."""
    await session.delete(await get(session, tenant_id, alert_id))
    await session.flush()


async def list_alerts(
    session: AsyncSession, tenant_id: uuid.UUID, article_id: uuid.UUID | None = None
) -> Sequence[PriceAlert]:
    statement = select(PriceAlert).where(col(PriceAlert.tenant_id) == tenant_id)
    if article_id is not None:
        statement = statement.where(col(PriceAlert.article_id) == article_id)
    statement = statement.order_by(col(PriceAlert.created_at), col(PriceAlert.id))
    return (await session.exec(statement.execution_options(populate_existing=True))).all()


async def evaluate_alerts(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    *,
    article_ids: Sequence[uuid.UUID] | None = None,
    alert_ids: Sequence[uuid.UUID] | None = None,
) -> list[FiredAlert]:
    """Evaluate the tenant's alerts (all, or those of some articles, or some alerts): update
    each one's state and reading, record an event for each that fires, and return those.
    Rows are locked, so concurrent evaluations take turns. Not committed: publish the
    returned events only after the caller's commit."""
    statement = select(PriceAlert).where(col(PriceAlert.tenant_id) == tenant_id)
    if article_ids is not None:
        statement = statement.where(col(PriceAlert.article_id).in_(article_ids))
    if alert_ids is not None:
        statement = statement.where(col(PriceAlert.id).in_(alert_ids))
    statement = (
        statement.order_by(col(PriceAlert.id))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    alerts = (await session.exec(statement)).all()
    if not alerts:
        return []
    inputs = await load_inputs(session, tenant_id, [alert.article_id for alert in alerts])
    now = utcnow()
    firing: list[tuple[PriceAlert, rules.Reading]] = []
    for alert in alerts:
        reading = rules.read(alert.kind, inputs[alert.article_id])
        alert.evaluated_at = now
        alert.last_percent = reading.percent if reading else None
        alert.last_period = str(reading.period) if reading else None
        if reading is None:
            continue
        alert.triggered, fires = rules.transition(
            alert.triggered, alert.threshold_percent, reading.percent
        )
        if fires:
            firing.append((alert, reading))
    fired = []
    if firing:
        first = await _take_sequences(session, tenant_id, len(firing))
        for number, (alert, reading) in enumerate(firing, start=first):
            event = PriceAlertEvent(
                tenant_id=tenant_id,
                alert_id=alert.id,
                period=str(reading.period),
                percent=reading.percent,
                modelled_price=reading.modelled_price,
                paid_price=reading.paid_price,
                fired_at=now,
                sequence=number,
            )
            session.add(event)
            fired.append(FiredAlert(alert, event))
    await session.flush()
    return fired


async def evaluate_and_commit(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    article_ids: Sequence[uuid.UUID] | None = None,
) -> list[FiredAlert]:
    """Every trigger's one path: evaluate (the tenant's alerts, or some articles') and
    commit; the caller announces what fired (`feed.announce`)."""
    fired = await evaluate_alerts(session, tenant_id, article_ids=article_ids)
    await session.commit()
    return fired


async def _take_sequences(session: AsyncSession, tenant_id: uuid.UUID, count: int) -> int:
    """The first of `count` new sequence numbers of the tenant's events. The counter row
    stays locked until the caller commits, so a second evaluation of the tenant waits for
    it here (alert rows are locked before: always in that order, so no deadlock)."""
    last_sequence = col(PriceAlertFeed.last_sequence)
    statement = (
        insert(PriceAlertFeed)
        .values(tenant_id=tenant_id, last_sequence=count)
        .on_conflict_do_update(
            index_elements=["tenant_id"], set_={"last_sequence": last_sequence + count}
        )
        .returning(last_sequence)
    )
    last = (await session.exec(statement)).scalar_one()
    return int(last) - count + 1
