"""Stand-ins at the pipeline's two outer edges, for the fast tier: an analyzer that answers
what the test scripts (no LLM, no rules), and a publisher that records what would have gone
to Redis. Everything between (sessions, services, PostgreSQL) is the real thing."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import BaseModel

from cost_model_service.analysis.base import (
    CostModelResult,
    ImageInput,
    LLMUsage,
    WeightResult,
)
from cost_model_service.articles.status import StatusEvent
from cost_model_service.cost_indices.schemas import CatalogueIndex
from cost_model_service.cost_models.schemas import CostModelShare


def weight_of(grams: float) -> WeightResult:
    return WeightResult(
        grams=grams,
        method="fake",
        evidence=f"Net weight: {grams} g",
        confidence=0.9,
        usage=LLMUsage("fake-model", 100, 10, 1),
    )


def steel_and_fixed() -> CostModelResult:
    return CostModelResult(
        parts=[
            CostModelShare("STEEL", Decimal("60.00"), "the body"),
            CostModelShare("FIXED", Decimal("40.00")),
        ],
        method="fake",
        usage=LLMUsage("fake-model", 200, 20, 1),
    )


@dataclass
class FakeAnalyzer:
    """Returns (or raises) what it was given; records what it was asked."""

    weight: WeightResult | Exception = field(default_factory=lambda: weight_of(420.0))
    cost_model: CostModelResult | Exception = field(default_factory=steel_and_fixed)
    name: str = "fake"
    texts: list[str] = field(default_factory=list)
    catalogues: list[list[CatalogueIndex]] = field(default_factory=list)

    async def extract_weight(self, text: str, images: Sequence[ImageInput] = ()) -> WeightResult:
        self.texts.append(text)
        if isinstance(self.weight, Exception):
            raise self.weight
        return self.weight

    async def generate_cost_model(
        self,
        text: str,
        catalogue: list[CatalogueIndex],
        unit_weight_grams: float | None,
        images: Sequence[ImageInput] = (),
    ) -> CostModelResult:
        self.catalogues.append(catalogue)
        if isinstance(self.cost_model, Exception):
            raise self.cost_model
        return self.cost_model


class RecordingPublisher:
    """Publishes nowhere; keeps (channel, event) in order."""

    def __init__(self) -> None:
        self.published: list[tuple[str, BaseModel]] = []

    async def publish(self, channel: str, event: BaseModel) -> None:
        self.published.append((channel, event))

    async def publish_many(self, messages: Sequence[tuple[str, BaseModel]]) -> None:
        for channel, event in messages:
            await self.publish(channel, event)

    def statuses(self) -> list[StatusEvent]:
        return [event for _, event in self.published if isinstance(event, StatusEvent)]
