"""A batch is the set of articles one analyzeArticles call submitted.

It holds no counts: those are aggregated from its articles (one query), so they can never
disagree with the articles themselves.
"""

import uuid
from datetime import datetime

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel

from cost_model_service.articles.models import utcnow


class AnalysisBatch(SQLModel, table=True):
    __tablename__ = "analysis_batch"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tenant_id: uuid.UUID = Field(foreign_key="tenant.id", ondelete="RESTRICT", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    # Set by the worker when the batch's last article reached COMPLETED or FAILED.
    completed_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
