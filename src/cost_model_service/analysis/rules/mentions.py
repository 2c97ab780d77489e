"""Every quantity in a mass unit in the text, before deciding which one is the weight."""

import re
from dataclasses import dataclass, replace
from itertools import chain

from cost_model_service.analysis.rules.aligned import column_values
from cost_model_service.analysis.rules.glued_parts import glued_remainder
from cost_model_service.analysis.rules.label_units import BRACKET, UNIT_FIRST, column_unit_of
from cost_model_service.analysis.rules.numbers import NUMBER, parse_number
from cost_model_service.analysis.rules.split_cells import split_cell_values
from cost_model_service.analysis.rules.split_weights import split_weight
from cost_model_service.analysis.rules.tables import cell_spans, table_rows
from cost_model_service.analysis.rules.unit_columns import unit_field_values
from cost_model_service.analysis.rules.units import (
    COMPOUND_PAIRS,
    PER_AREA_SUFFIX,
    PER_LENGTH_SUFFIX,
    PER_PACK_SUFFIX,
    PER_UNIT_SUFFIX,
    RATE_SUFFIX,
    TORQUE_SUFFIX,
    UNIT_AFTER_NUMBER,
    canonical_unit,
    metres,
    to_grams,
)
from cost_model_service.analysis.rules.wrapped import wrapped_quantities

# "1.2 kg", "1,250 | g" (a CSV/table unit column), "3,6kg"; not the denominator of a
# fraction ("2-1/2 lbs" is no 2 lbs).
QUANTITY = re.compile(
    rf"(?<!/)(?P<number>{NUMBER})[ \t]*(?:\|[ \t]*)?(?P<unit>{UNIT_AFTER_NUMBER})(?![^\W\d_])",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(rf"[ \t]*(?P<number>{NUMBER})[ \t]*")
_COMPOUND_GAP = re.compile(r"\.?[ \t,]*(?:and|&|\+)?[ \t]*")  # "2 lbs. 4 oz"


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
    per_area: bool = False  # "15,9 kg/m²": a sheet's weight only times its stated area
    summed: bool = False  # added up from sibling fields ("weight.kg: 2", "weight.g: 350")


def find_mentions(text: str, decimal_comma: bool) -> list[Mention]:
    found: list[Mention] = []
    for match in chain(QUANTITY.finditer(text), wrapped_quantities(text)):
        unit = canonical_unit(match.group("unit"))
        grams = to_grams(parse_number(match.group("number"), decimal_comma), unit)
        base = Mention(match.start(), match.end(), match.start(), grams, unit)
        mention = _with_suffix(base, text[match.end() : match.end() + 40])
        if mention:
            found.append(mention)
        for number, spelling, start, end in glued_remainder(text, unit, match.end()):
            rest = to_grams(parse_number(number, decimal_comma), canonical_unit(spelling))
            found.append(Mention(start, end, start, rest, canonical_unit(spelling)))
    for match in UNIT_FIRST.finditer(text):
        start, end = match.span("number")
        found.extend(_labelled(match, match.group("number"), start, end, decimal_comma))
    for header, offset, line in table_rows(text):
        spans = cell_spans(line)
        for index, head in enumerate(header):
            column_unit = column_unit_of(head)
            value = _BARE_NUMBER.fullmatch(line, *spans[index]) if column_unit else None
            if column_unit and value:
                start, end = offset + value.start("number"), offset + value.end("number")
                found.extend(
                    _labelled(column_unit, value.group("number"), start, end, decimal_comma)
                )
    # A row whose label carries the unit: "Gewicht (kg/Stk.) | 0,031 | 0,081 | 0,108".
    offset = 0
    for line in text.split("\n"):
        spans = cell_spans(line) if "|" in line else []
        row_unit = re.search(BRACKET, line[slice(*spans[0])], re.IGNORECASE) if spans else None
        for cell in spans[2:] if row_unit else []:  # the first value: _UNIT_FIRST
            value = _BARE_NUMBER.fullmatch(line, *cell)
            if row_unit and value:
                start, end = offset + value.start("number"), offset + value.end("number")
                found.extend(_labelled(row_unit, value.group("number"), start, end, decimal_comma))
        offset += len(line) + 1
    for aligned_unit, number, start, end in column_values(text, column_unit_of):
        found.extend(_labelled(aligned_unit, number, start, end, decimal_comma))
    for cell_unit, number, start, end in split_cell_values(text):  # "2.47" over "| kg"
        found.extend(_labelled(cell_unit, number, start, end, decimal_comma))
    taken = {mention.number_start for mention in found}
    for field_unit, number, start, end in unit_field_values(text):  # "2.4 | ... | LB"
        if start not in taken:
            found.extend(_labelled(field_unit, number, start, end, decimal_comma))
    found.sort(key=lambda mention: mention.start)
    return _merge_compounds(text, found)


def _labelled(
    unit: re.Match[str], number: str, start: int, end: int, decimal_comma: bool
) -> list[Mention]:
    """A bare number whose unit is in its label or column header."""
    groups = unit.groupdict()
    pint_unit = canonical_unit(groups.get("unit") or groups["bare"])
    grams = to_grams(parse_number(number, decimal_comma), pint_unit)
    base = Mention(start, end, start, grams, pint_unit)
    metre = groups.get("metre")  # "peso_kg_m": per metre
    suffix = f"/{metre}" if metre else "/pc" if groups.get("piece") else ""
    suffix = "/m2" if groups.get("area") else suffix  # "kg_m2": per square metre
    mention = _with_suffix(base, groups.get("per") or suffix)
    # The suffix lives in the label here, so the quantity's span stays the number's.
    return [replace(mention, end=end)] if mention else []


def _with_suffix(mention: Mention, rest: str) -> Mention | None:
    """Apply what follows the unit: '/m' (per metre), '/pc', '/carton', or a rate."""
    if TORQUE_SUFFIX.match(rest):
        return None  # kg·cm, lb-ft: torque, not mass
    per_length = PER_LENGTH_SUFFIX.match(rest)
    if per_length:
        count = per_length.group("count")
        per = float(count.replace(",", ".")) if count else None
        length = metres(per_length.group("length"), per)
        end = mention.end + per_length.end()
        return replace(mention, end=end, grams=mention.grams / length, per_length=True)
    per_unit = PER_UNIT_SUFFIX.match(rest)
    if per_unit:
        return replace(mention, end=mention.end + per_unit.end(), per_unit=True)
    per_pack = PER_PACK_SUFFIX.match(rest)
    if per_pack:
        return replace(mention, end=mention.end + per_pack.end(), per_pack=True)
    per_area = PER_AREA_SUFFIX.match(rest)
    if per_area:
        return replace(mention, end=mention.end + per_area.end(), per_area=True)
    if RATE_SUFFIX.match(rest):
        return None  # kg/h, g/l, g/m²: a rate, density or grammage
    return mention  # "kg/1000 pcs" stays: the label or suffix gives the quantity


def _merge_compounds(text: str, mentions: list[Mention]) -> list[Mention]:
    """Join "3 lb" + "4 oz" (and "1 kg" + "200 g") into one quantity."""
    merged: list[Mention] = []
    for mention in mentions:
        last = merged[-1] if merged else None
        pair = last is not None and (last.unit, mention.unit) in COMPOUND_PAIRS
        if pair and last and not last.per_length:
            gap = _COMPOUND_GAP.fullmatch(text[last.end : mention.start])
            # Two fields add up when the second is a remainder below one of the first's
            # unit ("kg: 2" + "g: 350"); "1,2 | 1200" states one weight twice.
            remainder = mention.grams < to_grams(1, last.unit)
            fields = (
                not gap and remainder and split_weight(text, last.start, last.end, mention.start)
            )
            if gap or fields:
                grams = last.grams + mention.grams
                merged[-1] = replace(last, end=mention.end, grams=grams, summed=bool(fields))
                continue
        merged.append(mention)
    # A part of a summed weight read again under another unit ("kg | 450" of "3 | kg |
    # 450 | g" read unit first) is no weight of its own.
    sums = [(m.start, m.end) for m in merged if m.summed]
    return [m for m in merged if m.summed or not any(a < m.number_start < b for a, b in sums)]
