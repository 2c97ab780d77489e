"""Who is calling: the tenant every query and mutation is scoped to."""

import uuid
from dataclasses import dataclass

from cost_model_service.auth.models import DEFAULT_TENANT_ID, DEFAULT_TENANT_NAME


@dataclass(frozen=True)
class Principal:
    tenant_id: uuid.UUID
    tenant_name: str
    method: str  # "api_key", "jwt" or "open" (no credentials, authentication not required)


OPEN = Principal(DEFAULT_TENANT_ID, DEFAULT_TENANT_NAME, "open")
