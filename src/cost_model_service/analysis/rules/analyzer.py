"""The offline analyzer: deterministic rules, no network, no model."""

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from cost_model_service.analysis.base import CostModelResult, ImageInput, WeightResult
from cost_model_service.analysis.rules.cost_model import build_cost_model
from cost_model_service.analysis.rules.quotes import quoted_weights
from cost_model_service.analysis.rules.weight import find_unit_weight
from cost_model_service.cost_indices.schemas import CatalogueIndex

T = TypeVar("T")
# Runs a module-level function with its arguments somewhere else and awaits the result.
Offload = Callable[..., Awaitable[Any]]


class RulesAnalyzer:
    """Implements the Analyzer protocol with keyword and pattern rules.

    The work is pure CPU: milliseconds on a spec sheet, but about a second on the 2M
    characters a document may hold. The service passes `offload` (its isolated process
    pool) so that it never holds the worker's event loop; without one (tests, tools) the
    coroutines compute directly.
    """

    name = "rules"

    def __init__(self, offload: Offload | None = None) -> None:
        self._offload = offload

    async def _run(self, function: Callable[..., T], *args: Any) -> T:
        if self._offload is None:
            return function(*args)
        result: T = await self._offload(function, *args)
        return result

    # Images are read through their OCR text, which is part of `text`.
    async def extract_weight(self, text: str, images: Sequence[ImageInput] = ()) -> WeightResult:
        return await self._run(find_unit_weight, text)

    async def weigh_quote(self, text: str, evidence: str) -> list[float | None] | None:
        """The weights the rules read inside a snippet another analyzer quoted (see
        rules/quotes.py); None when they cannot judge it."""
        return await self._run(quoted_weights, text, evidence)

    async def generate_cost_model(
        self,
        text: str,
        catalogue: list[CatalogueIndex],
        unit_weight_grams: float | None,
        images: Sequence[ImageInput] = (),
    ) -> CostModelResult:
        return await self._run(build_cost_model, text, catalogue, unit_weight_grams)
