"""Who is calling: the tenant every query and mutation is scoped to."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from cost_model_service.auth.models import DEFAULT_TENANT_ID, DEFAULT_TENANT_NAME


@dataclass(frozen=True)
class Principal:
    tenant_id: uuid.UUID
    tenant_name: str
    method: str  # "api_key", "jwt" or "open" (no credentials, authentication not required)
    # What makes the credentials lapse, for the check of open WebSockets: the API key
    # (by its hash) being revoked, or the token's expiry passing.
    key_hash: str | None = None
    expires_at: datetime | None = None


OPEN = Principal(DEFAULT_TENANT_ID, DEFAULT_TENANT_NAME, "open")
