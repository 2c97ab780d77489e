"""Price alerts, their state (armed or triggered, the last reading) and what they fired."""

import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import BigInteger, DateTime, Index, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from cost_model_service.articles.models import utcnow
from cost_model_service.db import StrEnumColumn
from cost_model_service.index_series.models import PERIOD


class PriceAlertKind(StrEnum):
    MOVE_FROM_BASE = "move_from_base"
    DRIFT_FROM_PAID = "drift_from_paid"


def _tz() -> DateTime:
    return DateTime(timezone=True)


class PriceAlert(SQLModel, table=True):
    __tablename__ = "price_alert"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tenant_id: uuid.UUID = Field(foreign_key="tenant.id", ondelete="RESTRICT", index=True)
    article_id: uuid.UUID = Field(foreign_key="article.id", ondelete="CASCADE", index=True)
    kind: PriceAlertKind = Field(sa_type=StrEnumColumn(PriceAlertKind, 16))
    threshold_percent: Decimal = Field(sa_type=Numeric(7, 2))
    # Fired and not re-armed yet (re-arms once |percent| falls under threshold - 1).
    triggered: bool = False
    last_percent: Decimal | None = Field(default=None, sa_type=Numeric())
    last_period: str | None = Field(default=None, sa_type=PERIOD)
    evaluated_at: datetime | None = Field(default=None, sa_type=_tz())
    created_at: datetime = Field(default_factory=utcnow, sa_type=_tz())


class PriceAlertEvent(SQLModel, table=True):
    """One firing, kept so that a subscriber that was away can be told what it missed."""

    __tablename__ = "price_alert_event"
    __table_args__ = (
        Index("ix_price_alert_event_tenant_fired", "tenant_id", "fired_at"),
        UniqueConstraint("tenant_id", "sequence", name="uq_price_alert_event_tenant_sequence"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tenant_id: uuid.UUID = Field(foreign_key="tenant.id", ondelete="RESTRICT")
    alert_id: uuid.UUID = Field(foreign_key="price_alert.id", ondelete="CASCADE", index=True)
    period: str = Field(sa_type=PERIOD)
    percent: Decimal = Field(sa_type=Numeric())
    modelled_price: Decimal = Field(sa_type=Numeric())
    paid_price: Decimal | None = Field(default=None, sa_type=Numeric())
    fired_at: datetime = Field(default_factory=utcnow, sa_type=_tz())
    # 1, 2, 3, ... per tenant, in commit order (see PriceAlertFeed): what a subscriber
    # asks PostgreSQL for ("after n") and how it knows it missed one.
    sequence: int = Field(sa_type=BigInteger())


class PriceAlertFeed(SQLModel, table=True):
    """The tenant's last event sequence number. Taking numbers updates this row, which
    stays locked until the commit: numbers become visible in order, never 7 before 6."""

    __tablename__ = "price_alert_feed"

    tenant_id: uuid.UUID = Field(foreign_key="tenant.id", ondelete="CASCADE", primary_key=True)
    last_sequence: int = Field(sa_type=BigInteger())


class PriceAlertEvaluationOwed(SQLModel, table=True):
    """The tenant's alerts must be evaluated for the index values imported at `imported_at`
    (price_alerts/owed.py). Written in the import's transaction and deleted in the
    evaluation's, so PostgreSQL, not the queue, remembers that an evaluation is owed."""

    __tablename__ = "price_alert_evaluation_owed"

    tenant_id: uuid.UUID = Field(foreign_key="tenant.id", ondelete="CASCADE", primary_key=True)
    imported_at: datetime = Field(sa_type=_tz())
