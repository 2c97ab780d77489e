"""JWT bearer tokens from an identity provider: verified, then mapped to a tenant name."""

import asyncio
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

import jwt

from cost_model_service.auth.keys import tenant_name_problem
from cost_model_service.config import Settings

LEEWAY_SECONDS = 30


class InvalidToken(Exception):
    pass


@dataclass(frozen=True)
class VerifiedToken:
    tenant: str
    # When the token stops being accepted: its `exp` plus the leeway decode() allows.
    expires_at: datetime


class TokenVerifier:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def configured(self) -> bool:
        return bool(self.settings.jwt_secret or self.settings.jwt_jwks)

    @cached_property
    def _jwks_client(self) -> jwt.PyJWKClient | None:
        source = self.settings.jwt_jwks or ""
        if source.startswith(("http://", "https://")):
            return jwt.PyJWKClient(source, cache_keys=True)
        return None

    @cached_property
    def _jwks_file(self) -> jwt.PyJWKSet | None:
        source = self.settings.jwt_jwks
        if not source or self._jwks_client is not None:
            return None
        return jwt.PyJWKSet.from_dict(json.loads(Path(source).read_text()))

    async def verify(self, token: str) -> VerifiedToken:
        """The tenant the token speaks for, and until when; InvalidToken with the reason
        otherwise (a tenant claim that cannot name a tenant too: it becomes a row)."""
        try:
            claims = await self._decode(token)
            expires_at = datetime.fromtimestamp(float(claims["exp"]), UTC)
        except (jwt.PyJWTError, KeyError, ValueError, OverflowError) as error:
            raise InvalidToken(f"invalid bearer token: {error}") from None
        claim = self.settings.jwt_tenant_claim
        tenant = claims.get(claim)
        if not isinstance(tenant, str) or not tenant.strip():
            raise InvalidToken(f"the token has no '{claim}' claim")
        if problem := tenant_name_problem(tenant.strip()):
            raise InvalidToken(f"the token's '{claim}' claim {problem}")
        return VerifiedToken(tenant.strip(), expires_at + timedelta(seconds=LEEWAY_SECONDS))

    async def _decode(self, token: str) -> dict[str, Any]:
        settings = self.settings
        options: dict[str, Any] = {"require": ["exp"], "verify_aud": bool(settings.jwt_audience)}
        common: dict[str, Any] = {
            "audience": settings.jwt_audience,
            "issuer": settings.jwt_issuer,
            "options": options,
            "leeway": LEEWAY_SECONDS,
        }
        if settings.jwt_secret:
            secret = settings.jwt_secret.get_secret_value()
            return jwt.decode(token, secret, algorithms=["HS256"], **common)
        kid = jwt.get_unverified_header(token).get("kid")
        if self._jwks_client is not None:
            # PyJWKClient fetches over blocking urllib; keep it off the event loop.
            key = await asyncio.to_thread(self._jwks_client.get_signing_key_from_jwt, token)
        elif self._jwks_file is not None:
            key = self._jwks_file[kid] if kid else self._jwks_file.keys[0]
        else:
            raise InvalidToken("JWT verification is not configured")
        return jwt.decode(token, key.key, algorithms=["RS256", "ES256"], **common)
