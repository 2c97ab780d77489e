"""Tables for articles, their files, the cost index catalogue and cost model parts.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "article",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("article_name", sa.String(255), nullable=False),
        sa.Column("description", sa.String(), nullable=True),
        sa.Column("unit_weight", sa.Numeric(14, 6), nullable=True),
        sa.Column("processing_status", sa.String(16), nullable=False),
        sa.Column("processing_stage", sa.String(32), nullable=False),
        sa.Column("processing_error", sa.String(), nullable=True),
        sa.Column("processing_started_at", TZ, nullable=True),
        sa.Column("processing_completed_at", TZ, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("analysis_attempt", sa.Integer(), nullable=False),
        sa.Column("weight_method", sa.String(32), nullable=True),
        sa.Column("weight_evidence", sa.String(), nullable=True),
        sa.Column("weight_confidence", sa.Float(), nullable=True),
        sa.Column("cost_model_method", sa.String(32), nullable=True),
        sa.Column("llm_model", sa.String(100), nullable=True),
        sa.Column("llm_prompt_tokens", sa.Integer(), nullable=False),
        sa.Column("llm_completion_tokens", sa.Integer(), nullable=False),
        sa.Column("llm_calls", sa.Integer(), nullable=False),
        sa.Column("created_at", TZ, nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", TZ, nullable=False, server_default=sa.func.now()),
    )
    op.create_index("ix_article_processing_status", "article", ["processing_status"])
    op.create_index("ix_article_created_at", "article", ["created_at"])

    op.create_table(
        "article_file",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "article_id",
            sa.Uuid(),
            sa.ForeignKey("article.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(255), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_article_file_article_id", "article_file", ["article_id"])

    op.create_table(
        "cost_index",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("code", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("unit", sa.String(64), nullable=True),
        sa.Column("description", sa.String(), nullable=True),
        sa.Column("source_reference", sa.String(255), nullable=True),
    )

    op.create_table(
        "cost_model_part",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "article_id",
            sa.Uuid(),
            sa.ForeignKey("article.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "cost_index_id",
            sa.Uuid(),
            sa.ForeignKey("cost_index.id", ondelete="RESTRICT"),
            nullable=False,
        ),
        sa.Column("part", sa.Numeric(5, 2), nullable=False),
        sa.Column("rationale", sa.String(), nullable=True),
        sa.UniqueConstraint("article_id", "cost_index_id"),
        sa.CheckConstraint("part >= 0 AND part <= 100", name="ck_cost_model_part_percent"),
    )
    op.create_index("ix_cost_model_part_article_id", "cost_model_part", ["article_id"])


def downgrade() -> None:
    op.drop_table("cost_model_part")
    op.drop_table("cost_index")
    op.drop_table("article_file")
    op.drop_table("article")
