"""The offline analyzer: deterministic rules, no network, no model."""

from collections.abc import Sequence

from cost_model_service.analysis.base import CostModelResult, ImageInput, WeightResult
from cost_model_service.analysis.rules.cost_model import build_cost_model
from cost_model_service.analysis.rules.weight import find_unit_weight
from cost_model_service.cost_indices.schemas import CatalogueIndex


class RulesAnalyzer:
    """Implements the Analyzer protocol with keyword and pattern rules.

    The work is pure CPU and takes milliseconds on a spec sheet, so the coroutines
    compute directly instead of hopping to a thread.
    """

    name = "rules"

    # Images are read through their OCR text, which is part of `text`.
    async def extract_weight(self, text: str, images: Sequence[ImageInput] = ()) -> WeightResult:
        return find_unit_weight(text)

    async def generate_cost_model(
        self,
        text: str,
        catalogue: list[CatalogueIndex],
        unit_weight_grams: float | None,
        images: Sequence[ImageInput] = (),
    ) -> CostModelResult:
        return build_cost_model(text, catalogue, unit_weight_grams)
