"""Tenants own articles; API keys (only their hashes are stored) act for one tenant."""

import uuid
from datetime import datetime

from sqlalchemy import DateTime, String
from sqlmodel import Field, SQLModel

from cost_model_service.articles.models import utcnow

# Owns what is created without credentials while authentication is not required.
DEFAULT_TENANT_ID = uuid.UUID("00000000-0000-0000-0000-000000000001")
DEFAULT_TENANT_NAME = "default"


class Tenant(SQLModel, table=True):
    __tablename__ = "tenant"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(sa_type=String(255), unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))


class ApiKey(SQLModel, table=True):
    __tablename__ = "api_key"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tenant_id: uuid.UUID = Field(foreign_key="tenant.id", ondelete="CASCADE", index=True)
    # The visible start of the key ("cms_ab12cd34"), to tell keys apart in listings.
    prefix: str = Field(sa_type=String(16), index=True)
    key_hash: str = Field(sa_type=String(64), unique=True)  # sha256 hex of the whole key
    label: str | None = Field(default=None, sa_type=String(255))
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    revoked_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
