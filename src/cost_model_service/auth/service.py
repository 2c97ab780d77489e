"""Turning the credentials a request carries into a Principal, and telling which
principals' credentials have lapsed since."""

from collections.abc import Collection
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.auth import keys
from cost_model_service.auth.principal import OPEN, Principal
from cost_model_service.auth.tokens import InvalidToken, TokenVerifier
from cost_model_service.config import Settings
from cost_model_service.errors import CMSError


class Unauthenticated(CMSError):
    code = "UNAUTHENTICATED"


def bearer(header: str | None) -> str | None:
    """The token of an "Authorization: Bearer <token>" value (None when absent)."""
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("the Authorization header must be 'Bearer <API key or token>'")
    return token.strip()


async def authenticate(
    session: AsyncSession, settings: Settings, verifier: TokenVerifier, header: str | None
) -> Principal:
    token = bearer(header)
    if token is None:
        if settings.requires_auth:
            raise Unauthenticated("authentication required: send 'Authorization: Bearer <key>'")
        return OPEN
    if token.startswith(keys.KEY_PREFIX):
        tenant = await keys.find_tenant_for_key(session, token)
        if tenant is None:
            raise Unauthenticated("unknown or revoked API key")
        return Principal(tenant.id, tenant.name, "api_key", key_hash=keys.hash_key(token))
    if not verifier.configured:
        raise Unauthenticated("unknown API key (keys start with 'cms_')")
    try:
        verified = await verifier.verify(token)
    except InvalidToken as error:
        raise Unauthenticated(str(error)) from None
    tenant = await keys.get_or_create_tenant(session, verified.tenant)
    await session.commit()
    return Principal(tenant.id, tenant.name, "jwt", expires_at=verified.expires_at)


async def lapsed(
    session: AsyncSession, principals: Collection[Principal], now: datetime
) -> set[Principal]:
    """Those of `principals` whose credentials no longer hold: an API key revoked (or
    deleted), a token past its expiry. One query, however many principals."""
    hashes = {p.key_hash for p in principals if p.key_hash is not None}
    active = await keys.active_key_hashes(session, hashes) if hashes else set()
    return {
        p
        for p in principals
        if (p.key_hash is not None and p.key_hash not in active)
        or (p.expires_at is not None and p.expires_at <= now)
    }
