"""The analyzer interface: the pipeline talks to analyzers only through these types (and
the catalogue and share types of the domains that own them)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from cost_model_service.cost_indices.schemas import CatalogueIndex
from cost_model_service.cost_models.schemas import CostModelShare


@dataclass(frozen=True)
class ImageInput:
    """An uploaded image (a scanned sheet, a drawing): a vision model reads it directly."""

    media_type: str  # image/png or image/jpeg
    data: bytes


@dataclass
class LLMUsage:
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0

    def add(self, other: "LLMUsage") -> None:
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.calls += other.calls


@dataclass
class WeightResult:
    grams: float | None  # weight of ONE unit in grams; None when the sheet states none
    method: str  # e.g. "rules", "openai"
    evidence: str | None = None  # the exact snippet the weight was read from
    confidence: float = 0.0  # 0..1
    usage: LLMUsage | None = None


@dataclass
class CostModelResult:
    parts: list[CostModelShare]
    method: str  # e.g. "openai", "rules-heuristic"
    usage: LLMUsage | None = None
    notes: list[str] = field(default_factory=list)


class AnalysisError(Exception):
    """An analysis step failed; `message` is shown to the user as processingError."""

    def __init__(
        self, message: str, *, transient: bool = False, fallback: "WeightResult | None" = None
    ) -> None:
        super().__init__(message)
        self.message = message
        # Transient: worth retrying later (rate limit, timeout, server error).
        self.transient = transient
        # A weight found another way (the hybrid's rules answer): what to keep when no
        # retry is left, rather than no weight at all.
        self.fallback = fallback


class DocumentError(AnalysisError):
    """A file could not be turned into text (unsupported, encrypted, corrupt, too large)."""


class Analyzer(Protocol):
    """`text` is everything extracted from the uploads (OCR included); `images` are the
    uploaded images themselves, for analyzers that can look at them."""

    name: str

    async def extract_weight(
        self, text: str, images: Sequence[ImageInput] = ()
    ) -> WeightResult: ...

    async def generate_cost_model(
        self,
        text: str,
        catalogue: list[CatalogueIndex],
        unit_weight_grams: float | None,
        images: Sequence[ImageInput] = (),
    ) -> CostModelResult: ...
