"""Mass units as written in spec sheets, converted to grams through pint."""

import re
from functools import lru_cache

import pint

from cost_model_service.analysis.rules.containers import CONTAINER

# Spellings (en/de/fr/es/it) of each pint unit; matched case-insensitively, except the
# one-letter symbols below (a capital G or T is not a gram or a tonne).
_SPELLINGS: dict[str, list[str]] = {
    "milligram": ["milligrammes?", "milligrams?", "milligrammi", "miligramos?", "mg"],
    "kilogram": [
        "kilogrammes?", "kilograms?", "kilogramm", "kilogramos?", "chilogramm[oi]",
        "kilos?", "kgs?",
    ],
    "gram": ["grammes?", "grams?", "gramm", "gramos?", "grammi", "grs?"],
    "hectogram": ["hectogrammes?", "hectograms?", "hektogramm", "hectogramos?", "ettogramm[oi]"],
    "tonne": ["tonnes?", "metric tons?", "tons?", "tonnellat[ae]", "toneladas?"],
    # "Ibs": OCR reads the l of lbs as a capital I.
    "pound": ["pounds?", "lbs?", "(?-i:Ibs?)"],
    "ounce": ["ounces?", "onzas?", "oz"],
}  # fmt: skip
_SYMBOLS = {"g": "gram", "t": "tonne"}

MASS_UNIT = (
    "(?:" + "|".join(s for spellings in _SPELLINGS.values() for s in spellings) + "|(?-i:g|t))"
)
# Hectograms' symbol, in Italian ERP exports: a unit only right after a number ("5 hg") or
# as a unit field's value; in a label it may be mercury ("Druck mm Hg").
UNIT_AFTER_NUMBER = f"(?:{MASS_UNIT}|hg)"
_LOOKUP = [(re.compile(f"(?:{'|'.join(v)})$", re.I), unit) for unit, v in _SPELLINGS.items()]
_LOOKUP.append((re.compile("hg$", re.I), "hectogram"))

# Compound quantities written as two parts: "3 lb 4 oz", "1 kg 200 g".
COMPOUND_PAIRS = {("pound", "ounce"), ("kilogram", "gram")}

# What may follow a mass unit and changes its meaning.
# "kg·cm²" (an inertia) too: the lookahead, unlike \b, lets a superscript follow.
TORQUE_SUFFIX = re.compile(
    r"(?:[ \t]*[·⋅*\-][ \t]*(?:cm|mm|m|in|ft)|[ \t]+(?:cm|m))(?![a-zA-Z0-9_])"
)
# Also in a label: "Gewicht je m", "Poids au mètre", "Peso al metro", "weight per metre".
PER_LENGTH_SUFFIX = re.compile(
    r"[ \t]*(?:/|(?:per|pro|je|par|por|al|au|pour|f[üu]r)\b)[ \t]*"
    r"(?P<count>\d+(?:[.,]\d+)?)?[ \t]*"
    r"(?P<length>km|mtr|meters?|metres?|metros?|metri|m[èe]tres?|lfm|lm|m|ft|foot|feet)(?![\w²³^])",
    re.IGNORECASE,
)
PER_UNIT_SUFFIX = re.compile(
    r"[ \t]*/[ \t]*(?:pcs?|pieces?|units?|st|stk|st[üu]ck|ea|pz|u|ud|unidad|pi[eè]ce)\b",
    re.IGNORECASE,
)
# Per container: "12.5 kg/carton" is a pack weight.
PER_PACK_SUFFIX = re.compile(
    rf"[ \t]*(?:/|per\b|pro\b|je\b|par\b|por\b|pour\b)[ \t]*{CONTAINER}", re.IGNORECASE
)
# Per square metre: "15,9 kg/m²", "9,8 kg/m2", "kg per sq m", "kg/qm" (an area mass).
PER_AREA_SUFFIX = re.compile(
    r"[ \t]*(?:/|per\b|pro\b|par\b|por\b|al\b)[ \t]*(?:m²|m2|qm|sq\.?[ \t]?m|square[ \t]met\w+)"
    r"(?![\w²³^])",
    re.IGNORECASE,
)
# A rate, density or grammage: kg/h, g/l, g/m², kg per hour, ...
RATE_SUFFIX = re.compile(
    r"[ \t]*(?:/[ \t]*[^\W\d_]|per[ \t]+(?:sq|square|cubic|hour|day|year|annum|min|sec|h|s|l)\b)",
    re.IGNORECASE,
)
_METRES = {"km": 1000.0, "ft": 0.3048, "foot": 0.3048, "feet": 0.3048}


@lru_cache(maxsize=1)
def _registry() -> "pint.UnitRegistry[float]":
    return pint.UnitRegistry()  # slow to build (~0.5 s): once per process


def canonical_unit(spelling: str) -> str:
    """The pint unit name of a matched MASS_UNIT spelling."""
    if spelling in _SYMBOLS:
        return _SYMBOLS[spelling]
    for pattern, unit in _LOOKUP:
        if pattern.match(spelling.strip()):
            return unit
    raise ValueError(f"not a mass unit: {spelling!r}")


@lru_cache(maxsize=16)
def _grams_per(unit: str) -> float:
    registry = _registry()
    return float(registry.Quantity(1, unit).to(registry.gram).magnitude)


def to_grams(value: float, unit: str) -> float:
    return value * _grams_per(unit)


def metres(length_unit: str, count: float | None) -> float:
    """Length in metres of '/m', '/km', '/100 m', '/ft'."""
    return _METRES.get(length_unit.lower(), 1.0) * (count or 1.0)
