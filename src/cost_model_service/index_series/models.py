"""Index series owned by a tenant, their newest observations and earlier vintages."""

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Column, DateTime, Index, Numeric, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from cost_model_service.articles.models import utcnow
from cost_model_service.db import StrEnumColumn
from cost_model_service.index_series.periods import Frequency
from cost_model_service.index_series.values import ObservationStatus

PERIOD = String(7)  # 2024-01, 2024-Q1, 2024: one frequency per series, so text order is time


def _tz() -> DateTime:
    return DateTime(timezone=True)


class IndexSeries(SQLModel, table=True):
    __tablename__ = "index_series"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # Users import only what they are licensed to use; a series is the importing tenant's.
    tenant_id: uuid.UUID = Field(foreign_key="tenant.id", ondelete="RESTRICT")
    code: str = Field(sa_type=String(255))
    name: str = Field(sa_type=String(255))
    source: str | None = Field(default=None, sa_type=String(255))
    frequency: Frequency = Field(sa_type=StrEnumColumn(Frequency, 16))
    base_label: str | None = Field(default=None, sa_type=String(64))  # e.g. 2021=100
    unit: str | None = Field(default=None, sa_type=String(64))
    currency: str | None = Field(default=None, sa_type=String(3))
    latest_period: str | None = Field(default=None, sa_type=PERIOD)
    created_at: datetime = Field(default_factory=utcnow, sa_type=_tz())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=_tz())


class IndexObservation(SQLModel, table=True):
    """The newest vintage of one period's value: what projections use."""

    __tablename__ = "index_observation"

    series_id: uuid.UUID = Field(
        foreign_key="index_series.id", ondelete="CASCADE", primary_key=True
    )
    period: str = Field(sa_type=PERIOD, primary_key=True)
    value: Decimal = Field(sa_type=Numeric())  # exact, as published (120.0 stays 120.0)
    status: ObservationStatus = Field(sa_type=StrEnumColumn(ObservationStatus, 16))
    imported_at: datetime = Field(default_factory=utcnow, sa_type=_tz())


class IndexObservationVintage(SQLModel, table=True):
    """An earlier value of a period, kept when a re-import revised it, so that a past
    projection can be explained."""

    __tablename__ = "index_observation_vintage"
    __table_args__ = (Index("ix_index_observation_vintage_series_period", "series_id", "period"),)

    id: int | None = Field(
        default=None, sa_column=Column(BigInteger, primary_key=True, autoincrement=True)
    )
    series_id: uuid.UUID = Field(foreign_key="index_series.id", ondelete="CASCADE")
    period: str = Field(sa_type=PERIOD)
    value: Decimal = Field(sa_type=Numeric())
    status: ObservationStatus = Field(sa_type=StrEnumColumn(ObservationStatus, 16))
    imported_at: datetime = Field(sa_type=_tz())  # when this vintage arrived
    superseded_at: datetime = Field(sa_type=_tz())  # when a re-import replaced it
