"""Mapping what the rules found onto the codes of the catalogue passed in.

The catalogue is data (seeded, editable), so nothing here assumes a code exists: each
concept is looked up by its usual codes, then by its name and category, then merged.
"""

import re
from dataclasses import dataclass

from cost_model_service.analysis.rules.materials import MATERIALS
from cost_model_service.cost_indices.schemas import CatalogueIndex


@dataclass(frozen=True)
class Concept:
    codes: tuple[str, ...]
    hint: str
    category: str


LABOUR = Concept(("LABOUR", "LABOR"), r"labou?r|wage", "labour")
ELECTRICITY = Concept(("ELECTRICITY", "POWER"), r"electric", "energy")
NATURAL_GAS = Concept(("NATURAL_GAS", "GAS"), r"\bgas\b", "energy")
FREIGHT = Concept(("FREIGHT", "LOGISTICS", "TRANSPORT"), r"freight|logistic|transport", "logistics")
FIXED = Concept(("FIXED", "OVERHEAD"), r"fixed|overhead", "fixed")


class Catalogue:
    def __init__(self, indices: list[CatalogueIndex]) -> None:
        self.indices = indices
        self._by_code = {index.code.upper(): index.code for index in indices}

    def __contains__(self, code: str) -> bool:
        return code.upper() in self._by_code

    def concept(self, concept: Concept, *, any_of_category: bool = True) -> str | None:
        code = self._lookup(concept.codes, concept.hint, concept.category)
        if code or not any_of_category:
            return code
        return next((i.code for i in self.indices if _category(i) == concept.category), None)

    def material(self, key: str) -> str | None:
        """Catalogue code for a material key, following its fallbacks (stainless -> steel)."""
        seen: set[str] = set()
        current: str | None = key
        while current and current not in seen:
            seen.add(current)
            material = next(m for m in MATERIALS if m.key == current)
            code = self._lookup(material.codes, material.hint, "material")
            if code:
                return code
            current = material.fallback
        return None

    def generic_material(self) -> str | None:
        """An index for unclassified material, if the catalogue has one."""
        return self._lookup((), r"other|generic|misc|mixed", "material")

    def _lookup(self, codes: tuple[str, ...], hint: str, category: str) -> str | None:
        for code in codes:
            if code in self:
                return self._by_code[code.upper()]
        for index in self.indices:
            text = f"{index.code} {index.name}".replace("_", " ")
            if _category(index) == category and re.search(hint, text, re.IGNORECASE):
                return index.code
        return None


def _category(index: CatalogueIndex) -> str:
    return (index.category or "").strip().lower()
