"""An article is one uploaded specification and everything the analysis found in it."""

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Column, DateTime, LargeBinary, Numeric, String
from sqlmodel import Field, SQLModel

from cost_model_service.db import StrEnumColumn


# Member names are the GraphQL enum values (graphql/types.py exposes these very enums);
# the lower-case values are what the database stores.
class ProcessingStatus(StrEnum):
    PENDING = "pending"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"

    @property
    def is_terminal(self) -> bool:
        return self in (ProcessingStatus.COMPLETED, ProcessingStatus.FAILED)


class ProcessingStage(StrEnum):
    QUEUED = "queued"
    EXTRACTING_TEXT = "extracting_text"
    EXTRACTING_METADATA = "extracting_metadata"
    GENERATING_COST_MODEL = "generating_cost_model"
    SAVING = "saving"
    DONE = "done"


class FileKind(StrEnum):
    specification = "specification"
    drawing = "drawing"


def utcnow() -> datetime:
    return datetime.now(UTC)


def _tz() -> DateTime:
    return DateTime(timezone=True)


class Article(SQLModel, table=True):
    __tablename__ = "article"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # Every article belongs to one tenant; nobody else can read it or learn it exists.
    tenant_id: uuid.UUID = Field(foreign_key="tenant.id", ondelete="RESTRICT", index=True)
    # The analyzeArticles batch the article was submitted in; none for a single upload.
    batch_id: uuid.UUID | None = Field(
        default=None, foreign_key="analysis_batch.id", ondelete="SET NULL", index=True
    )
    article_name: str = Field(sa_type=String(255))
    description: str | None = None
    unit_weight: Decimal | None = Field(default=None, sa_type=Numeric(14, 6))  # kg

    processing_status: ProcessingStatus = Field(
        default=ProcessingStatus.PENDING, sa_type=StrEnumColumn(ProcessingStatus, 16), index=True
    )
    processing_stage: ProcessingStage = Field(
        default=ProcessingStage.QUEUED, sa_type=StrEnumColumn(ProcessingStage, 32)
    )
    processing_error: str | None = None
    processing_started_at: datetime | None = Field(default=None, sa_type=_tz())
    processing_completed_at: datetime | None = Field(default=None, sa_type=_tz())
    # +1 on every status change: subscribers drop events that are not newer than what they sent.
    version: int = 1
    # Counts analysis runs; part of the arq job id so a deliberate re-run is a new job.
    analysis_attempt: int = 1

    # How the weight was found (method, evidence snippet, confidence) and the cost model method.
    weight_method: str | None = Field(default=None, sa_type=String(32))
    weight_evidence: str | None = None
    weight_confidence: float | None = None
    cost_model_method: str | None = Field(default=None, sa_type=String(32))

    # LLM token accounting over all calls made for this article.
    llm_model: str | None = Field(default=None, sa_type=String(100))
    llm_prompt_tokens: int = 0
    llm_completion_tokens: int = 0
    llm_calls: int = 0

    created_at: datetime = Field(default_factory=utcnow, sa_type=_tz(), index=True)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=_tz())


class ArticleFile(SQLModel, table=True):
    __tablename__ = "article_file"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    article_id: uuid.UUID = Field(foreign_key="article.id", ondelete="CASCADE", index=True)
    kind: FileKind = Field(sa_type=StrEnumColumn(FileKind, 16))
    filename: str = Field(sa_type=String(255))
    content_type: str | None = Field(default=None, sa_type=String(255))
    size: int
    sha256: str = Field(sa_type=String(64))
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
