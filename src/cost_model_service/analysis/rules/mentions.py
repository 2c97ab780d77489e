"""Every quantity in a mass unit in the text, before deciding which one is the weight."""

import re
from dataclasses import dataclass, replace

from cost_model_service.analysis.rules.numbers import NUMBER, parse_number
from cost_model_service.analysis.rules.tables import cell_spans, table_rows
from cost_model_service.analysis.rules.units import (
    COMPOUND_PAIRS,
    MASS_UNIT,
    PER_LENGTH_SUFFIX,
    PER_PACK_SUFFIX,
    PER_UNIT_SUFFIX,
    RATE_SUFFIX,
    TORQUE_SUFFIX,
    canonical_unit,
    metres,
    to_grams,
)

# "1.2 kg", "1,250 | g" (a CSV/table unit column), "3,6kg".
_QUANTITY = re.compile(
    rf"(?P<number>{NUMBER})[ \t]*(?:\|[ \t]*)?(?P<unit>{MASS_UNIT})(?![^\W\d_])", re.IGNORECASE
)
# The unit in the label instead: "Weight (kg): 1.2", "Gewicht [kg] | 3,6", "weight kg: 1.2".
_UNIT_FIRST = re.compile(
    rf"(?:[(\[][ \t]*(?P<unit>{MASS_UNIT})[ \t]*[)\]]|(?<=[ _])(?P<bare>{MASS_UNIT}))"
    rf"[ \t]*[:=|][ \t]*(?P<number>{NUMBER})(?![ \t]*(?:[^\W\d_]|[%°µ]))",
    re.IGNORECASE,
)
# A table column whose header carries the unit: "| Weight (kg) |" over bare numbers.
_COLUMN_UNIT = re.compile(
    rf"[(\[][ \t]*(?P<unit>{MASS_UNIT})[ \t]*[)\]]|(?<![^\W\d_])in[ \t]+(?P<bare>{MASS_UNIT})\b",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(rf"[ \t]*(?P<number>{NUMBER})[ \t]*")
_COMPOUND_GAP = re.compile(r"[ \t,]*(?:and|&|\+)?[ \t]*")


@dataclass(frozen=True)
class Mention:
    start: int  # span of the quantity in the text (number to unit and suffix)
    end: int
    number_start: int
    grams: float
    unit: str  # pint unit name
    per_length: bool = False  # a weight per metre: goods sold by length
    per_unit: bool = False  # "1.2 kg/pc"
    per_pack: bool = False  # "12.5 kg/carton"


def find_mentions(text: str, decimal_comma: bool) -> list[Mention]:
    found: list[Mention] = []
    for match in _QUANTITY.finditer(text):
        mention = _read(text, match, match.group("unit"), decimal_comma)
        if mention:
            found.append(mention)
    for match in _UNIT_FIRST.finditer(text):
        unit = canonical_unit(match.group("unit") or match.group("bare"))
        value = parse_number(match.group("number"), decimal_comma)
        start = match.start("number")
        found.append(Mention(start, match.end(), start, to_grams(value, unit), unit))
    found.extend(_column_mentions(text, decimal_comma))
    found.sort(key=lambda mention: mention.start)
    return _merge_compounds(text, found)


def _read(text: str, match: re.Match[str], spelling: str, decimal_comma: bool) -> Mention | None:
    unit = canonical_unit(spelling)
    grams = to_grams(parse_number(match.group("number"), decimal_comma), unit)
    rest = text[match.end() : match.end() + 40]
    if TORQUE_SUFFIX.match(rest):
        return None  # kg·cm, lb-ft: torque, not mass
    base = Mention(match.start(), match.end(), match.start(), grams, unit)
    per_length = PER_LENGTH_SUFFIX.match(rest)
    if per_length:
        count = per_length.group("count")
        per = float(count.replace(",", ".")) if count else None
        length = metres(per_length.group("length"), per)
        return replace(
            base, end=match.end() + per_length.end(), grams=grams / length, per_length=True
        )
    per_unit = PER_UNIT_SUFFIX.match(rest)
    if per_unit:
        return replace(base, end=match.end() + per_unit.end(), per_unit=True)
    per_pack = PER_PACK_SUFFIX.match(rest)
    if per_pack:
        return replace(base, end=match.end() + per_pack.end(), per_pack=True)
    if RATE_SUFFIX.match(rest):
        return None  # kg/h, g/l, g/m²: a rate, density or grammage
    return base


def _column_mentions(text: str, decimal_comma: bool) -> list[Mention]:
    found = []
    for header, offset, line in table_rows(text):
        spans = cell_spans(line)
        for index, head in enumerate(header):
            unit = _COLUMN_UNIT.search(head)
            value = _BARE_NUMBER.fullmatch(line, *spans[index]) if unit else None
            if unit and value:
                pint_unit = canonical_unit(unit.group("unit") or unit.group("bare"))
                grams = to_grams(parse_number(value.group("number"), decimal_comma), pint_unit)
                start, end = offset + value.start("number"), offset + value.end("number")
                found.append(Mention(start, end, start, grams, pint_unit))
    return found


def _merge_compounds(text: str, mentions: list[Mention]) -> list[Mention]:
    """Join "3 lb" + "4 oz" (and "1 kg" + "200 g") into one quantity."""
    merged: list[Mention] = []
    for mention in mentions:
        last = merged[-1] if merged else None
        if (
            last is not None
            and (last.unit, mention.unit) in COMPOUND_PAIRS
            and not last.per_length
            and _COMPOUND_GAP.fullmatch(text[last.end : mention.start])
        ):
            merged[-1] = replace(last, end=mention.end, grams=last.grams + mention.grams)
        else:
            merged.append(mention)
    return merged
