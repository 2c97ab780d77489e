"""Tenants and API keys; every article belongs to a tenant.

Articles that exist already go to the built-in "default" tenant, which also owns what is
created without credentials while authentication is not required.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT_TENANT_ID = "00000000-0000-0000-0000-000000000001"
TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "tenant",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("name", sa.String(255), nullable=False, unique=True),
        sa.Column("created_at", TZ, nullable=False, server_default=sa.func.now()),
    )
    op.execute(f"INSERT INTO tenant (id, name) VALUES ('{DEFAULT_TENANT_ID}', 'default')")
    op.create_table(
        "api_key",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "tenant_id", sa.Uuid(), sa.ForeignKey("tenant.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("label", sa.String(255), nullable=True),
        sa.Column("created_at", TZ, nullable=False, server_default=sa.func.now()),
        sa.Column("revoked_at", TZ, nullable=True),
    )
    op.create_index("ix_api_key_tenant_id", "api_key", ["tenant_id"])
    op.create_index("ix_api_key_prefix", "api_key", ["prefix"])
    op.add_column("article", sa.Column("tenant_id", sa.Uuid(), nullable=True))
    op.execute(f"UPDATE article SET tenant_id = '{DEFAULT_TENANT_ID}'")
    op.alter_column("article", "tenant_id", nullable=False)
    op.create_foreign_key(None, "article", "tenant", ["tenant_id"], ["id"], ondelete="RESTRICT")
    op.create_index("ix_article_tenant_id", "article", ["tenant_id"])


def downgrade() -> None:
    op.drop_index("ix_article_tenant_id", "article")
    op.drop_constraint("article_tenant_id_fkey", "article", type_="foreignkey")
    op.drop_column("article", "tenant_id")
    op.drop_table("api_key")
    op.drop_table("tenant")
