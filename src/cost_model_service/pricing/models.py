"""What an article costs: its agreed price basis, what was paid, and which of the tenant's
series drives each cost index (bindings)."""

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, Index, Numeric, String, text
from sqlmodel import Field, SQLModel

from cost_model_service.articles.models import utcnow
from cost_model_service.index_series.models import PERIOD


def _tz() -> DateTime:
    return DateTime(timezone=True)


class PriceBasis(SQLModel, table=True):
    """P0: the price agreed in base month b, in an ISO 4217 currency."""

    __tablename__ = "price_basis"

    article_id: uuid.UUID = Field(foreign_key="article.id", ondelete="CASCADE", primary_key=True)
    price: Decimal = Field(sa_type=Numeric())  # as entered: 12.40 stays 12.40
    currency: str = Field(sa_type=String(3))
    period: str = Field(sa_type=PERIOD)  # a month, YYYY-MM
    updated_at: datetime = Field(default_factory=utcnow, sa_type=_tz())


class PaidPrice(SQLModel, table=True):
    """What was actually paid in a month (in the basis currency); one per month."""

    __tablename__ = "paid_price"

    article_id: uuid.UUID = Field(foreign_key="article.id", ondelete="CASCADE", primary_key=True)
    period: str = Field(sa_type=PERIOD, primary_key=True)
    price: Decimal = Field(sa_type=Numeric())
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=_tz())


class CostIndexBinding(SQLModel, table=True):
    """Cost index -> series, with a lag in the series' own periods. Without article_id it
    is the tenant's default; an article's own binding overrides it."""

    __tablename__ = "cost_index_binding"
    __table_args__ = (
        Index(
            "uq_cost_index_binding_default",
            "tenant_id",
            "cost_index_id",
            unique=True,
            postgresql_where=text("article_id IS NULL"),
        ),
        Index(
            "uq_cost_index_binding_article",
            "article_id",
            "cost_index_id",
            unique=True,
            postgresql_where=text("article_id IS NOT NULL"),
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tenant_id: uuid.UUID = Field(foreign_key="tenant.id", ondelete="RESTRICT")
    cost_index_id: uuid.UUID = Field(foreign_key="cost_index.id", ondelete="RESTRICT")
    series_id: uuid.UUID = Field(foreign_key="index_series.id", ondelete="RESTRICT", index=True)
    lag: int = 0
    article_id: uuid.UUID | None = Field(default=None, foreign_key="article.id", ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_type=_tz())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=_tz())
