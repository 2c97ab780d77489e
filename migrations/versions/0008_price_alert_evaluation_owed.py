"""Price alert evaluations owed after an index import, so that one lost with its job (a
Redis flush or restart) is enqueued again by the sweep.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "price_alert_evaluation_owed",
        sa.Column(
            "tenant_id", sa.Uuid(), sa.ForeignKey("tenant.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("price_alert_evaluation_owed")
