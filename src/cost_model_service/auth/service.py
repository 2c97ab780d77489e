"""Turning the credentials a request carries into a Principal."""

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
        return Principal(tenant.id, tenant.name, "api_key")
    if not verifier.configured:
        raise Unauthenticated("unknown API key (keys start with 'cms_')")
    try:
        name = await verifier.tenant_of(token)
    except InvalidToken as error:
        raise Unauthenticated(str(error)) from None
    tenant = await keys.get_or_create_tenant(session, name)
    await session.commit()
    return Principal(tenant.id, tenant.name, "jwt")
