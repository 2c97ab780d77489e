"""API keys: created once and shown once, stored as sha256, revoked by id or prefix."""

import hashlib
import secrets
import uuid
from collections.abc import Sequence

from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.articles.models import utcnow
from cost_model_service.auth.models import ApiKey, Tenant
from cost_model_service.errors import NotFound

KEY_PREFIX = "cms_"


def hash_key(key: str) -> str:
    # Keys are 256 bits of randomness: a plain sha256 is enough (no password stretching).
    return hashlib.sha256(key.encode()).hexdigest()


async def get_or_create_tenant(session: AsyncSession, name: str) -> Tenant:
    tenant = (await session.exec(select(Tenant).where(col(Tenant.name) == name))).one_or_none()
    if tenant is None:
        tenant = Tenant(name=name)
        session.add(tenant)
        await session.flush()
    return tenant


async def create_key(
    session: AsyncSession, tenant_name: str, label: str | None = None
) -> tuple[ApiKey, str]:
    """Returns the stored row and the key itself, which is never seen again. Not committed."""
    tenant = await get_or_create_tenant(session, tenant_name)
    public = secrets.token_hex(4)
    key = f"{KEY_PREFIX}{public}_{secrets.token_urlsafe(32)}"
    row = ApiKey(tenant_id=tenant.id, prefix=f"{KEY_PREFIX}{public}", key_hash=hash_key(key),
                 label=label)
    session.add(row)
    return row, key


async def find_tenant_for_key(session: AsyncSession, key: str) -> Tenant | None:
    statement = (
        select(Tenant)
        .join(ApiKey, col(ApiKey.tenant_id) == col(Tenant.id))
        .where(col(ApiKey.key_hash) == hash_key(key), col(ApiKey.revoked_at).is_(None))
    )
    return (await session.exec(statement)).one_or_none()


async def revoke(session: AsyncSession, id_or_prefix: str) -> ApiKey:
    """Not committed."""
    try:
        by_id = col(ApiKey.id) == uuid.UUID(id_or_prefix)
    except ValueError:
        by_id = col(ApiKey.prefix) == id_or_prefix
    condition = or_(by_id, col(ApiKey.prefix) == id_or_prefix)
    rows = (await session.exec(select(ApiKey).where(condition))).all()
    if len(rows) != 1:
        raise NotFound(f"no single API key matches '{id_or_prefix}'")
    rows[0].revoked_at = rows[0].revoked_at or utcnow()
    return rows[0]


async def list_keys(session: AsyncSession) -> Sequence[tuple[ApiKey, Tenant]]:
    statement = (
        select(ApiKey, Tenant)
        .join(Tenant, col(Tenant.id) == col(ApiKey.tenant_id))
        .order_by(col(Tenant.name), col(ApiKey.created_at))
    )
    return (await session.exec(statement)).all()
