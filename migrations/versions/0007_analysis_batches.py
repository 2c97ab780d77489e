"""Analysis batches (analyzeArticles) and the batch each article was submitted in.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "analysis_batch",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "tenant_id", sa.Uuid(), sa.ForeignKey("tenant.id", ondelete="RESTRICT"), nullable=False
        ),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("completed_at", TZ, nullable=True),
    )
    op.create_index("ix_analysis_batch_tenant_id", "analysis_batch", ["tenant_id"])
    op.add_column(
        "article",
        sa.Column(
            "batch_id",
            sa.Uuid(),
            sa.ForeignKey("analysis_batch.id", ondelete="SET NULL"),
            nullable=True,
        ),
    )
    op.create_index("ix_article_batch_id", "article", ["batch_id"])


def downgrade() -> None:
    op.drop_index("ix_article_batch_id", "article")
    op.drop_column("article", "batch_id")
    op.drop_index("ix_analysis_batch_tenant_id", "analysis_batch")
    op.drop_table("analysis_batch")
