"""Cached LLM answers: the same input to the same model and prompt is not paid for twice."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, String
from sqlmodel import Field, SQLModel

from cost_model_service.articles.models import utcnow


class LLMCacheEntry(SQLModel, table=True):
    __tablename__ = "llm_cache_entry"

    # sha256 over (step, analyzer, model, prompt version, input text, step arguments).
    key: str = Field(sa_type=String(64), primary_key=True)
    step: str = Field(sa_type=String(32))
    model: str = Field(sa_type=String(100))
    prompt_version: str = Field(sa_type=String(32))
    result: dict[str, Any] = Field(sa_type=JSON)
    hits: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
