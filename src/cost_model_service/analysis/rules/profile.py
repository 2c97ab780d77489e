"""What the heuristic knows about the article: weight class, materials, complexity."""

import re
from dataclasses import dataclass

from cost_model_service.analysis.rules.materials import Found, detect_materials
from cost_model_service.english import is_or_are, joined, sentence_case, with_article

# (upper bound in grams, label, material %, freight %): heavy articles are dominated by
# material and freight, light ones by processing.
_WEIGHT_CLASSES = [
    (10.0, "under 10 g", 30.0, 2.0),
    (100.0, "of 10-100 g", 35.0, 2.0),
    (1_000.0, "of 0.1-1 kg", 42.0, 3.0),
    (10_000.0, "of 1-10 kg", 50.0, 5.0),
    (100_000.0, "of 10-100 kg", 55.0, 7.0),
    (float("inf"), "over 100 kg", 60.0, 9.0),
]
_UNKNOWN_WEIGHT = ("of unknown weight", 45.0, 4.0)
MAX_SCAN_CHARS = 200_000

_COMPLEX = re.compile(
    r"motor|pump|gearbox|gear unit|drill|controller|driver|valve|cylinder|actuator|"
    r"assembl|machined|welded|bearing|brushless|sensor|transmitter|hydraulic|pneumatic|"
    r"getriebe|montiert|geschwei|moteur|vanne|bomba|v[aá]lvula|valvola|pompa|pneumati",
    re.IGNORECASE,
)
_HEAT = re.compile(
    r"harden|tempered|heat[- ]?treat|forged|galvani[sz]|hot-dip|anneal|stress-reliev|"
    r"sinter|verg[üu]tet|geh[äa]rtet|feuerverzinkt|tremp|templad|temprat|vorgespannt",
    re.IGNORECASE,
)
_FRAGILE = re.compile(r"fragile|glass|\w*glas\b|un ?34[89]\d|class 9|dangerous goods", re.I)
_HEAT_MATERIALS = {"cast_iron", "glass", "ceramics"}
_POWER_MATERIALS = {"aluminium", "plastics", "copper", "electronics", "lithium"}


@dataclass(frozen=True)
class Profile:
    weight_grams: float | None
    weight_label: str
    material_pct: float
    freight_base: float
    materials: list[Found]
    complexity: int  # 0 simple part .. 3 complex assembly
    electronic: bool
    heat_treated: bool
    fragile: bool

    @property
    def keys(self) -> set[str]:
        return {found.material.key for found in self.materials}

    def summary(self) -> str:
        weight = f"{self.weight_grams:g} g" if self.weight_grams else "unknown"
        found = ", ".join(f"{f.material.label} ({f.score})" for f in self.materials) or "none"
        return f"unit weight {weight}; materials by evidence: {found}"

    def material_shares(self) -> list[tuple[Found, float]]:
        total = sum(found.score for found in self.materials)
        return [(f, self.material_pct * f.score / total) for f in self.materials]

    def material_reason(self, found: Found) -> str:
        return (
            f"{sentence_case(found.material.label)} {is_or_are(found.material.label)} named "
            "in the sheet "
            f"(“{found.example}”); the material part grows with the weight class "
            f"({with_article('article ' + self.weight_label)}) and is split by how "
            "prominently each material is named."
        )

    def labour_pct(self) -> float:
        return 18.0 + 6.0 * self.complexity + (6.0 if self.electronic else 0.0)

    def labour_reason(self) -> str:
        kind = (
            "electronic"
            if self.electronic
            else ("simple", "machined", "assembled", "complex assembled")[self.complexity]
        )
        extra = "" if self.materials else " (no material recognised: processing dominates)"
        return f"Manufacturing and assembly labour for {with_article(kind + ' article')}{extra}."

    def electricity_pct(self) -> float:
        return min(11.0, 5.0 + 2.0 * len(self.keys & _POWER_MATERIALS))

    def gas_pct(self) -> float:
        if self.keys & {"cast_iron", "glass"}:
            return 6.0
        return 4.0 if self.heat_treated else 0.0

    def heat_reason(self) -> str:
        hot = sorted(self.keys & _HEAT_MATERIALS)
        return joined([k.replace("_", " ") for k in hot]) or "heat treatment and coating"

    def freight_pct(self) -> float:
        return self.freight_base + (2.0 if self.fragile else 0.0)

    def fixed_pct(self) -> float:
        """10-20 %: higher for complex and electronic articles (tooling, testing, R&D)."""
        if self.complexity >= 2 or self.electronic:
            return 18.0
        return 15.0 if self.complexity == 1 else 12.0


def profile(text: str, weight_grams: float | None) -> Profile:
    text = text[:MAX_SCAN_CHARS]  # bounded work; what the article is made of comes early
    label, material_pct, freight = _weight_class(weight_grams)
    materials = detect_materials(text)
    keys = {found.material.key for found in materials}
    return Profile(
        weight_grams=weight_grams,
        weight_label=label,
        material_pct=material_pct,
        freight_base=freight,
        materials=materials,
        complexity=min(3, len({m.group(0).lower() for m in _COMPLEX.finditer(text)})),
        electronic=bool(keys & {"electronics", "lithium"}),
        heat_treated=bool(keys & _HEAT_MATERIALS) or bool(_HEAT.search(text)),
        fragile=bool(_FRAGILE.search(text)),
    )


def _weight_class(grams: float | None) -> tuple[str, float, float]:
    if grams is None or grams <= 0:
        return _UNKNOWN_WEIGHT
    return next((label, m, f) for limit, label, m, f in _WEIGHT_CLASSES if grams < limit)
