"""The status event: what a worker publishes after each committed transition."""

import uuid
from datetime import datetime

from pydantic import BaseModel

from cost_model_service.articles.models import Article, ProcessingStage, ProcessingStatus


class StatusEvent(BaseModel):
    id: uuid.UUID
    processing_status: ProcessingStatus
    processing_stage: ProcessingStage
    processing_error: str | None = None
    processing_started_at: datetime | None = None
    processing_completed_at: datetime | None = None
    version: int

    @classmethod
    def from_article(cls, article: Article) -> "StatusEvent":
        return cls(
            id=article.id,
            processing_status=article.processing_status,
            processing_stage=article.processing_stage,
            processing_error=article.processing_error,
            processing_started_at=article.processing_started_at,
            processing_completed_at=article.processing_completed_at,
            version=article.version,
        )

    @property
    def is_terminal(self) -> bool:
        return self.processing_status.is_terminal
