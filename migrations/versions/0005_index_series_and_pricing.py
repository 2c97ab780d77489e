"""Index series and observations (with earlier vintages), price bases, paid prices, cost
index bindings, price alerts and the events they fired.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)
PERIOD = sa.String(7)


def _fk(target: str, ondelete: str) -> sa.ForeignKey:
    return sa.ForeignKey(target, ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "index_series",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("tenant_id", sa.Uuid(), _fk("tenant.id", "RESTRICT"), nullable=False),
        sa.Column("code", sa.String(255), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("source", sa.String(255), nullable=True),
        sa.Column("frequency", sa.String(16), nullable=False),
        sa.Column("base_label", sa.String(64), nullable=True),
        sa.Column("unit", sa.String(64), nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("latest_period", PERIOD, nullable=True),
        sa.Column("created_at", TZ, nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", TZ, nullable=False, server_default=sa.func.now()),
        sa.UniqueConstraint("tenant_id", "code"),
    )
    op.create_table(
        "index_observation",
        sa.Column("series_id", sa.Uuid(), _fk("index_series.id", "CASCADE"), primary_key=True),
        sa.Column("period", PERIOD, primary_key=True),
        sa.Column("value", sa.Numeric(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("imported_at", TZ, nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        "index_observation_vintage",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=True),
        sa.Column("series_id", sa.Uuid(), _fk("index_series.id", "CASCADE"), nullable=False),
        sa.Column("period", PERIOD, nullable=False),
        sa.Column("value", sa.Numeric(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("imported_at", TZ, nullable=False),
        sa.Column("superseded_at", TZ, nullable=False),
    )
    op.create_index(
        "ix_index_observation_vintage_series_period",
        "index_observation_vintage",
        ["series_id", "period"],
    )

    op.create_table(
        "price_basis",
        sa.Column("article_id", sa.Uuid(), _fk("article.id", "CASCADE"), primary_key=True),
        sa.Column("price", sa.Numeric(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("period", PERIOD, nullable=False),
        sa.Column("updated_at", TZ, nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        "paid_price",
        sa.Column("article_id", sa.Uuid(), _fk("article.id", "CASCADE"), primary_key=True),
        sa.Column("period", PERIOD, primary_key=True),
        sa.Column("price", sa.Numeric(), nullable=False),
        sa.Column("recorded_at", TZ, nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        "cost_index_binding",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("tenant_id", sa.Uuid(), _fk("tenant.id", "RESTRICT"), nullable=False),
        sa.Column("cost_index_id", sa.Uuid(), _fk("cost_index.id", "RESTRICT"), nullable=False),
        sa.Column("series_id", sa.Uuid(), _fk("index_series.id", "RESTRICT"), nullable=False),
        sa.Column("lag", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Uuid(), _fk("article.id", "CASCADE"), nullable=True),
        sa.Column("created_at", TZ, nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", TZ, nullable=False, server_default=sa.func.now()),
    )
    op.create_index("ix_cost_index_binding_series_id", "cost_index_binding", ["series_id"])
    # One tenant default per cost index, and one override per article and cost index.
    op.create_index(
        "uq_cost_index_binding_default",
        "cost_index_binding",
        ["tenant_id", "cost_index_id"],
        unique=True,
        postgresql_where=sa.text("article_id IS NULL"),
    )
    op.create_index(
        "uq_cost_index_binding_article",
        "cost_index_binding",
        ["article_id", "cost_index_id"],
        unique=True,
        postgresql_where=sa.text("article_id IS NOT NULL"),
    )

    op.create_table(
        "price_alert",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("tenant_id", sa.Uuid(), _fk("tenant.id", "RESTRICT"), nullable=False),
        sa.Column("article_id", sa.Uuid(), _fk("article.id", "CASCADE"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("threshold_percent", sa.Numeric(7, 2), nullable=False),
        sa.Column("triggered", sa.Boolean(), nullable=False),
        sa.Column("last_percent", sa.Numeric(), nullable=True),
        sa.Column("last_period", PERIOD, nullable=True),
        sa.Column("evaluated_at", TZ, nullable=True),
        sa.Column("created_at", TZ, nullable=False, server_default=sa.func.now()),
    )
    op.create_index("ix_price_alert_tenant_id", "price_alert", ["tenant_id"])
    op.create_index("ix_price_alert_article_id", "price_alert", ["article_id"])
    op.create_table(
        "price_alert_event",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("tenant_id", sa.Uuid(), _fk("tenant.id", "RESTRICT"), nullable=False),
        sa.Column("alert_id", sa.Uuid(), _fk("price_alert.id", "CASCADE"), nullable=False),
        sa.Column("period", PERIOD, nullable=False),
        sa.Column("percent", sa.Numeric(), nullable=False),
        sa.Column("modelled_price", sa.Numeric(), nullable=False),
        sa.Column("paid_price", sa.Numeric(), nullable=True),
        sa.Column("fired_at", TZ, nullable=False, server_default=sa.func.now()),
    )
    op.create_index("ix_price_alert_event_alert_id", "price_alert_event", ["alert_id"])
    op.create_index(
        "ix_price_alert_event_tenant_fired", "price_alert_event", ["tenant_id", "fired_at"]
    )


def downgrade() -> None:
    op.drop_table("price_alert_event")
    op.drop_table("price_alert")
    op.drop_table("cost_index_binding")
    op.drop_table("paid_price")
    op.drop_table("price_basis")
    op.drop_table("index_observation_vintage")
    op.drop_table("index_observation")
    op.drop_table("index_series")
