"""A transparent heuristic cost model: materials by keyword, the rest by weight and kind.

Every component gets a raw weight in percent points; the variable ones are scaled to
100 - FIXED and normalize_shares rounds them to two decimals summing to exactly 100.00.
Components whose index is missing from the catalogue are merged into a related one.
"""

from dataclasses import dataclass, field

from cost_model_service.analysis.base import AnalysisError, CostModelResult
from cost_model_service.analysis.rules import profile as profiles
from cost_model_service.analysis.rules.catalogue import (
    ELECTRICITY,
    FIXED,
    FREIGHT,
    LABOUR,
    NATURAL_GAS,
    Catalogue,
    Concept,
)
from cost_model_service.analysis.shares import normalize_shares
from cost_model_service.cost_indices.schemas import CatalogueIndex
from cost_model_service.cost_models.schemas import CostModelShare

METHOD = "rules-heuristic"


@dataclass
class _Model:
    codes: Catalogue
    parts: dict[str, float] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, code: str | None, pct: float, reason: str, what: str) -> None:
        if pct <= 0:
            return
        if code is None:
            self.notes.append(f"no catalogue index for {what}: left out ({pct:.1f} points)")
            return
        self.parts[code] = self.parts.get(code, 0.0) + pct
        self.reasons.setdefault(code, reason)

    def concept(self, concept: Concept, *fallbacks: Concept) -> str | None:
        for candidate in (concept, *fallbacks):
            code = self.codes.concept(candidate, any_of_category=candidate is concept)
            if code:
                if candidate is not concept:
                    missing = concept.codes[0]
                    self.notes.append(f"no catalogue index for {missing}: merged into {code}")
                return code
        return None


def build_cost_model(
    text: str, catalogue: list[CatalogueIndex], unit_weight_grams: float | None
) -> CostModelResult:
    if not catalogue:
        raise AnalysisError("the cost-index catalogue is empty")
    model = _Model(Catalogue(catalogue))
    article = profiles.profile(text, unit_weight_grams)
    model.notes.append(article.summary())

    labour = model.concept(LABOUR, FIXED)
    mapped = []
    for found, pct in article.material_shares():
        code = model.codes.material(found.material.key) or model.codes.generic_material()
        if code is None:
            model.notes.append(
                f"no catalogue index for {found.material.label}: its share goes to the others"
            )
            continue
        if code not in found.material.codes:
            model.notes.append(f"no catalogue index for {found.material.label}: merged into {code}")
        mapped.append((found, pct, code))
    mapped_pct = sum(pct for _found, pct, _code in mapped)
    for found, pct, code in mapped:
        share = pct * article.material_pct / mapped_pct
        model.add(code, share, article.material_reason(found), found.material.label)
    # Without a recognised (or indexable) material, processing dominates: labour takes it.
    unplaced = 0.0 if mapped else article.material_pct
    model.add(labour, article.labour_pct() + unplaced, article.labour_reason(), "labour")
    model.add(
        model.concept(ELECTRICITY, NATURAL_GAS, FIXED),
        article.electricity_pct(),
        "Electricity for forming, machining, moulding and assembly.",
        "electricity",
    )
    model.add(
        model.concept(NATURAL_GAS, ELECTRICITY, FIXED),
        article.gas_pct(),
        f"Process heat for {article.heat_reason()}, typically fired with natural gas.",
        "natural gas",
    )
    model.add(
        model.concept(FREIGHT, FIXED),
        article.freight_pct(),
        f"Freight and logistics for an article {article.weight_label}"
        + (" that needs careful handling." if article.fragile else "."),
        "freight",
    )
    return _finish(model, article.fixed_pct())


def _finish(model: _Model, fixed_pct: float) -> CostModelResult:
    fixed = model.codes.concept(FIXED)
    if not model.parts:
        raise AnalysisError("the catalogue has no index this heuristic can use")
    # The variable parts (and whatever had to be merged into FIXED for want of its own
    # index) fill 100 - FIXED, so FIXED keeps its 10-20 % unless components were merged.
    scale = (100.0 - fixed_pct) / sum(model.parts.values()) if fixed else 1.0
    raw = {code: pct * scale for code, pct in model.parts.items()}
    if fixed:
        merged = fixed in raw
        raw[fixed] = raw.get(fixed, 0.0) + fixed_pct
        model.reasons[fixed] = "Overheads, depreciation and margin that follow no cost index" + (
            " (plus components without their own index)." if merged else "."
        )
    else:
        model.notes.append("no FIXED index in the catalogue: the fixed share is left out")
    shares = normalize_shares(raw)
    parts = [
        CostModelShare(code=code, part=part, rationale=model.reasons[code])
        for code, part in sorted(shares.items(), key=lambda item: -item[1])
        if part > 0
    ]
    return CostModelResult(parts=parts, method=METHOD, notes=model.notes)
