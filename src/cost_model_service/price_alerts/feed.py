"""A tenant's feed of fired alerts: announcing each after its commit, reading what
PostgreSQL holds after a position, and following both without a gap.

`AlertFired` is what an evaluation publishes on the tenant's channel and what the
`priceAlerts` subscription answers (`graphql/price_alert_types.py` builds the GraphQL type
from it). Its `sequence` numbers the tenant's events 1, 2, 3, ... in commit order
(`service._take_sequences`), so a subscriber that sees n + 2 after n knows it missed one
and reads PostgreSQL, which holds every event.
"""

import uuid
from collections.abc import AsyncGenerator, Sequence
from decimal import Decimal
from functools import partial

from pydantic import BaseModel
from sqlmodel import col, func, select

from cost_model_service.db import SessionMaker
from cost_model_service.errors import BadUserInput
from cost_model_service.events.broadcaster import EventBroadcaster
from cost_model_service.events.feed import sequenced_stream
from cost_model_service.events.publisher import Publisher
from cost_model_service.price_alerts.models import PriceAlert, PriceAlertEvent, PriceAlertKind
from cost_model_service.price_alerts.service import FiredAlert
from cost_model_service.redis_keys import RedisKeys

# A subscriber far behind catches up in pages of this many events.
PAGE = 200


class AlertState(BaseModel):
    id: uuid.UUID
    article_id: uuid.UUID
    kind: PriceAlertKind
    threshold_percent: Decimal
    triggered: bool
    last_percent: Decimal | None
    last_period: str | None

    @classmethod
    def from_row(cls, row: PriceAlert) -> "AlertState":
        return cls(
            id=row.id,
            article_id=row.article_id,
            kind=row.kind,
            threshold_percent=row.threshold_percent,
            triggered=row.triggered,
            last_percent=row.last_percent,
            last_period=row.last_period,
        )


class AlertFired(BaseModel):
    sequence: int
    tenant_id: uuid.UUID
    alert: AlertState
    period: str
    percent: Decimal
    modelled_price: Decimal
    paid_price: Decimal | None

    @classmethod
    def from_rows(cls, alert: PriceAlert, event: PriceAlertEvent) -> "AlertFired":
        return cls(
            sequence=event.sequence,
            tenant_id=event.tenant_id,
            alert=AlertState.from_row(alert),
            period=event.period,
            percent=event.percent,
            modelled_price=event.modelled_price,
            paid_price=event.paid_price,
        )


async def announce(publisher: Publisher, keys: RedisKeys, fired: Sequence[FiredAlert]) -> None:
    """After the evaluation was committed, in sequence order (best effort: a lost message
    only delays a subscriber, which reads PostgreSQL when it sees a gap or reconnects)."""
    for item in sorted(fired, key=lambda f: f.event.sequence):
        event = AlertFired.from_rows(item.alert, item.event)
        await publisher.publish(keys.price_alerts(event.tenant_id), event)


async def last_sequence(sessionmaker: SessionMaker, tenant_id: uuid.UUID) -> int:
    """The newest event's number (0 before the first): a new subscriber's position."""
    async with sessionmaker() as session:
        statement = select(func.max(PriceAlertEvent.sequence)).where(
            col(PriceAlertEvent.tenant_id) == tenant_id
        )
        return int((await session.exec(statement)).one() or 0)


async def read_after(
    sessionmaker: SessionMaker, tenant_id: uuid.UUID, after: int, limit: int = PAGE
) -> list[AlertFired]:
    """The tenant's events numbered above `after`, oldest first, with their alert's state
    now (an alert deleted since took its events with it)."""
    async with sessionmaker() as session:
        statement = (
            select(PriceAlertEvent, PriceAlert)
            .join(PriceAlert, col(PriceAlert.id) == col(PriceAlertEvent.alert_id))
            .where(
                col(PriceAlertEvent.tenant_id) == tenant_id, col(PriceAlertEvent.sequence) > after
            )
            .order_by(col(PriceAlertEvent.sequence))
            .limit(limit)
        )
        rows = (await session.exec(statement)).all()
        return [AlertFired.from_rows(alert, event) for event, alert in rows]


def alert_stream(
    sessionmaker: SessionMaker,
    broadcaster: EventBroadcaster,
    keys: RedisKeys,
    tenant_id: uuid.UUID,
    after: int | None = None,
) -> AsyncGenerator[AlertFired, None]:
    """The tenant's alerts as they fire; with `after` (a sequence a client saw before),
    first those fired since. Only ever the tenant's own: its channel, its rows."""
    if after is not None and after < 0:
        raise BadUserInput("after must be a sequence number (0 or more)")

    def parse(payload: bytes) -> AlertFired:
        event = AlertFired.model_validate_json(payload)
        if event.tenant_id != tenant_id:  # never on this channel; and never shown
            raise ValueError("an event of another tenant")
        return event

    async def start() -> int:
        return after if after is not None else await last_sequence(sessionmaker, tenant_id)

    return sequenced_stream(
        broadcaster,
        keys.price_alerts(tenant_id),
        parse,
        start,
        partial(read_after, sessionmaker, tenant_id),
        page=PAGE,
        label=f"price alerts of tenant {tenant_id}",
    )
