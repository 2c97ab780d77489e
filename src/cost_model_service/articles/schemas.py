"""Plain data passed into and out of the articles service."""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime

from cost_model_service.articles.models import FileKind


@dataclass(frozen=True)
class NewFile:
    kind: FileKind
    filename: str
    content_type: str | None
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class ArticleCursor:
    """Position in the newest-first article list."""

    created_at: datetime
    id: uuid.UUID
