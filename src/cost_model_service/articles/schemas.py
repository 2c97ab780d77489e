"""Plain data passed into and out of the articles service."""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

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


@dataclass(frozen=True)
class FoundWeight:
    """The unit weight an analysis found, and how."""

    kilograms: Decimal
    method: str
    evidence: str | None
    confidence: float


@dataclass(frozen=True)
class AnalysisResult:
    """What one analysis run writes onto its article (the cost model parts themselves
    belong to cost_models)."""

    weight: FoundWeight | None  # None: the sheet states none, or extracting it failed
    cost_model_method: str
    # The LLM calls this run made (none when the rules, or cached answers, did the work).
    llm_model: str | None = None
    llm_prompt_tokens: int = 0
    llm_completion_tokens: int = 0
    llm_calls: int = 0
