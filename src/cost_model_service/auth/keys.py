"""API keys: created once and shown once, stored as sha256, revoked by id or prefix."""

import hashlib
import secrets
import unicodedata
import uuid
from collections.abc import Collection, Sequence

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.articles.models import utcnow
from cost_model_service.auth.models import ApiKey, Tenant
from cost_model_service.errors import BadUserInput, NotFound

KEY_PREFIX = "cms_"
MAX_TENANT_NAME = 255  # the column's width


def hash_key(key: str) -> str:
    # Keys are 256 bits of randomness: a plain sha256 is enough (no password stretching).
    return hashlib.sha256(key.encode()).hexdigest()


def tenant_name_problem(name: str) -> str | None:
    """Why `name` cannot name a tenant (it comes from a token's claim or the command
    line), or None: too long for its column, or holding control characters (NUL among
    them, which PostgreSQL text cannot hold) or unpaired surrogates."""
    if not name or len(name) > MAX_TENANT_NAME:
        return f"must be 1 to {MAX_TENANT_NAME} characters"
    if any(unicodedata.category(char) in ("Cc", "Cs") for char in name):
        return "must not contain control characters"
    return None


async def get_or_create_tenant(session: AsyncSession, name: str) -> Tenant:
    """Safe under concurrency: a new identity provider user's first requests often come
    in parallel, and each would otherwise try to insert the same tenant."""
    if problem := tenant_name_problem(name):
        raise BadUserInput(f"the tenant name {problem}")
    by_name = select(Tenant).where(col(Tenant.name) == name)
    tenant = (await session.exec(by_name)).one_or_none()
    if tenant is None:
        statement = insert(Tenant).values(id=uuid.uuid4(), name=name, created_at=utcnow())
        await session.exec(statement.on_conflict_do_nothing(index_elements=["name"]))
        tenant = (await session.exec(by_name)).one()
    return tenant


async def create_key(
    session: AsyncSession, tenant_name: str, label: str | None = None
) -> tuple[ApiKey, str]:
    """Returns the stored row and the key itself, which is never seen again. Not committed."""
    tenant = await get_or_create_tenant(session, tenant_name)
    public = secrets.token_hex(4)
    key = f"{KEY_PREFIX}{public}_{secrets.token_urlsafe(32)}"
    row = ApiKey(
        tenant_id=tenant.id, prefix=f"{KEY_PREFIX}{public}", key_hash=hash_key(key), label=label
    )
    session.add(row)
    return row, key


async def find_tenant_for_key(session: AsyncSession, key: str) -> Tenant | None:
    statement = (
        select(Tenant)
        .join(ApiKey, col(ApiKey.tenant_id) == col(Tenant.id))
        .where(col(ApiKey.key_hash) == hash_key(key), col(ApiKey.revoked_at).is_(None))
    )
    return (await session.exec(statement)).one_or_none()


async def active_key_hashes(session: AsyncSession, hashes: Collection[str]) -> set[str]:
    """Those of `hashes` that belong to keys neither revoked nor deleted."""
    active: set[str] = set()
    batch = list(hashes)
    for start in range(0, len(batch), 1000):  # bounded statements, however many sockets
        statement = select(ApiKey.key_hash).where(
            col(ApiKey.key_hash).in_(batch[start : start + 1000]), col(ApiKey.revoked_at).is_(None)
        )
        active.update((await session.exec(statement)).all())
    return active


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
