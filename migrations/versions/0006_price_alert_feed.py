"""Price alert events get a per-tenant sequence number, handed out by a per-tenant counter
row, so that a subscriber can ask PostgreSQL for "everything after n" without a gap.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "price_alert_feed",
        sa.Column(
            "tenant_id", sa.Uuid(), sa.ForeignKey("tenant.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("last_sequence", sa.BigInteger(), nullable=False),
    )
    op.add_column("price_alert_event", sa.Column("sequence", sa.BigInteger(), nullable=True))
    # Events fired before this revision: numbered in firing order, and the counters follow.
    op.execute("""
        UPDATE price_alert_event e SET sequence = n.sequence
        FROM (SELECT id, row_number() OVER (PARTITION BY tenant_id ORDER BY fired_at, id)
              AS sequence FROM price_alert_event) n
        WHERE e.id = n.id""")
    op.execute("""
        INSERT INTO price_alert_feed (tenant_id, last_sequence)
        SELECT tenant_id, max(sequence) FROM price_alert_event GROUP BY tenant_id""")
    op.alter_column("price_alert_event", "sequence", nullable=False)
    op.create_unique_constraint(
        "uq_price_alert_event_tenant_sequence", "price_alert_event", ["tenant_id", "sequence"]
    )


def downgrade() -> None:
    op.drop_constraint("uq_price_alert_event_tenant_sequence", "price_alert_event")
    op.drop_column("price_alert_event", "sequence")
    op.drop_table("price_alert_feed")
