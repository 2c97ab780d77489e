"""Mass units written in a label or column header instead of after the number: "Weight
(kg): 1.2", "Gewicht [kg] | 3,6", "peso_neto_kg", "WEIGHT_T", "Kabelgewicht kg/km".
mentions.py reads the bare numbers these units apply to."""

import re

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.numbers import NUMBER
from cost_model_service.analysis.rules.units import MASS_UNIT

# A unit in brackets, possibly per something: "(kg)", "[g]", "(kg/m)", "(kg/1000 pcs)".
BRACKET = rf"[(\[][ \t]*(?P<unit>{MASS_UNIT})(?P<per>[ \t]*/[^)\]\n]{{0,24}})?[ \t]*[)\]]"
# A per-length unit after a header's mass unit: "kg_m", "kg per m", "kg je lfm", "kg/km",
# "kg/100 m" (a cable's weight).
_PER_METRE = (
    r"(?:[ \t]*/[ \t]*|[ \t]+(?:(?:per|pro|je|por|al|au|par)[ \t]+)?)"
    r"(?P<metre>(?:\d+[ \t]*)?(?:km|m|mtr|lfm|lm|metre|meter|metro|ft))(?![^\W\d_])"
)
# A per-piece word after a header's mass unit: "Gewicht_kg_je_ME" (ME: the unit of
# measure a row states, "STK"), "weight kg per pc", "peso kg por unidad".
_PER_PIECE = (
    r"[ \t]+(?:je|per|pro|por|par|al|a)[ \t]+"
    r"(?P<piece>me|stk|st[üu]ck|pcs?|pieces?|units?|unidad|ud|pz|pezzo|pi[eè]ce|ea)(?![^\W\d_])"
)
# A per-area unit after a header's mass unit: "areal_weight_kg_m2", "masse surfacique kg
# m2", "peso kg/m²": a sheet's weight only times its area (issue 14, round T/S).
_PER_SQUARE = (
    r"(?:[ \t]*/[ \t]*|[ \t]+(?:(?:per|pro|je|por|al|au|par)[ \t]+)?)(?P<area>m2|m²|qm|sqm)\b"
)
# The unit in the label instead: "Weight (kg): 1.2", "Gewicht [kg] | 3,6", "weight kg: 1.2",
# or a key path's last key ("weight.kg: 1.2"), maybe per metre ("peso_kg_m: 1.52"). Not the
# unit of the cell before ("1.1 kg | 1.4 kg" is no "kg | 1"), nor a number's head ("1" of
# "1.4 kg").
UNIT_FIRST = re.compile(
    rf"(?:{BRACKET}|(?:(?<=[ _])|(?<=[^\W\d_]\.))(?<!\d[ ])"
    rf"(?P<bare>{MASS_UNIT})(?:{_PER_SQUARE}|{_PER_METRE})?)"
    rf"[ \t]*[:=|][ \t]*(?P<number>{NUMBER})(?![.,]?\d)(?![ \t]*(?:[^\W\d_]|[%°µ]))",
    re.IGNORECASE,
)
# A table column whose header carries the unit: "| Weight (kg) |", "Gewicht in kg/km".
_COLUMN_UNIT = re.compile(
    rf"{BRACKET}|(?<![^\W\d_])in[ \t]+(?P<bare>{MASS_UNIT})(?:{_PER_METRE})?(?![^\W\d_])",
    re.IGNORECASE,
)
# Or a header ending in its unit, as exports name columns: "peso_neto_kg", "weight_per_m_kg".
# A per-metre unit may end it: "peso_kg_m", "weight_kg_per_m", "Kabelgewicht kg/km".
_TRAILING_UNIT = re.compile(
    rf"(?<=[^\W\d_])[ \t]+(?P<bare>{MASS_UNIT})(?:{_PER_SQUARE}|{_PER_METRE}|{_PER_PIECE})?[ \t]*$",
    re.IGNORECASE,
)


def column_unit_of(head: str) -> re.Match[str] | None:
    """The mass unit of a column header; a bare trailing unit only after a weight word
    ("Peso lastra kg", "weight_net_g"; not "Type g")."""
    unit = _COLUMN_UNIT.search(head)
    if unit:
        return unit
    # An export's field name in capitals ("WEIGHT_T", "PESO_G"): its capital T or G is
    # the unit, as a lower-case one is (a lone capital is no unit in prose).
    trailing = _TRAILING_UNIT.search(head.lower() if head.isupper() else head)
    return trailing if trailing and vocab.WEIGHT.search(head[: trailing.start()]) else None
