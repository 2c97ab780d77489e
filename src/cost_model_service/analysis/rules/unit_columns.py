"""Weights whose unit stands in a field of its own: an ERP export's unit-of-measure column
("net_weight | gross_weight | weight_uom" over "2.4 | 3.1 | LB") or a sibling key of a
flattened JSON object ("weight.net: 2.4" beside "weight.unit: lb"). The unit is not next
to each number, so the numbers read as bare; here each weight field gets the unit its
record states."""

import re
from collections.abc import Iterator

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.numbers import NUMBER
from cost_model_service.analysis.rules.tables import cell_spans, table_rows
from cost_model_service.analysis.rules.units import MASS_UNIT, UNIT_AFTER_NUMBER

_UNIT_ONLY = re.compile(rf"[ \t]*(?P<bare>{UNIT_AFTER_NUMBER})\.?[ \t]*", re.IGNORECASE)
_BARE_NUMBER = re.compile(rf"[ \t]*(?P<number>{NUMBER})[ \t]*")
# A field naming a unit of measure, in de en es fr it: "weight_uom", "Einheit", "unité";
# abbreviated in exports: "GEW_EINH", SAP "GEWEI" (Gewichtseinheit).
_UNIT_FIELD = vocab._words(
    r"uom\b", r"u\.?o\.?m\b", r"units?\b", r"einheit\w*", r"\w*einheit\b", r"me\b",
    r"\w*einh\b", r"gewei\b",
    r"unit[ée]s?\b", r"unidad(?:es)?\b", r"unit[àa]\b", r"u\.?m\b", r"udm\b",
)  # fmt: skip
# Unit codes of ERP exports (SAP, UN/ECE Rec. 20) in a unit field, where a capital G or T
# can only be a unit: the spelling each stands for.
_CODES = {"g": "g", "t": "t", "to": "t", "kgm": "kg", "grm": "g", "tne": "t", "lbr": "lb"}
_KEY_VALUE = re.compile(r"^(?P<key>[^\s:|][^:|\n]*?):[ \t]*(?P<value>[^\n]*)$", re.MULTILINE)

Found = tuple[re.Match[str], str, int, int]  # unit match, number, span of the number


# A header that weighs one unit of measure, whatever the row's unit is: "PESO_KG_POR_UM",
# "Gewicht kg je ME", "weight_kg_per_uom" (its mass unit is not its last word).
_PER_UOM_HEAD = re.compile(
    rf"(?<![^\W\d_])(?P<bare>{MASS_UNIT})[ \t]*(?:(?:per|por|pro|je|par|pour|al)[ \t]+|/[ \t]*)"
    r"(?:uom|u\.?o\.?m\.?|u\.?m\.?|udm|me|bme|units?|unidad|unit[ée]|unit[àa]|einheit)[ \t]*$",
    re.IGNORECASE,
)


def unit_field_values(text: str) -> Iterator[Found]:
    yield from _table_values(text)
    yield from _key_values(text)
    yield from _per_uom_values(text)


def _per_uom_values(text: str) -> Iterator[Found]:
    """Bare numbers under a weight header (or key) whose mass unit weighs one unit of
    measure."""
    for pair in _KEY_VALUE.finditer(text):  # "peso_kg_por_um: 0,312"
        unit = _PER_UOM_HEAD.search(pair["key"])
        value = _BARE_NUMBER.fullmatch(pair["value"]) if unit else None
        if unit and value and vocab.WEIGHT.search(pair["key"][: unit.start()]):
            start = pair.start("value")
            yield unit, value["number"], start + value.start("number"), start + value.end("number")
    for header, offset, line in table_rows(text):
        spans = cell_spans(line)
        for index, head in enumerate(header):
            unit = _PER_UOM_HEAD.search(head)
            value = _BARE_NUMBER.fullmatch(line, *spans[index]) if unit else None
            if unit and value and vocab.WEIGHT.search(head[: unit.start()]):
                start, end = value.span("number")
                yield unit, value["number"], offset + start, offset + end


def _field_unit(value: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """The mass unit a unit field's value (or a cell of it) states, codes included."""
    end = len(value) if endpos is None else endpos
    unit = _UNIT_ONLY.fullmatch(value, pos, end)
    code = _CODES.get(value[pos:end].strip().rstrip(".").lower())
    return unit or (_UNIT_ONLY.fullmatch(code) if code else None)


def _table_values(text: str) -> Iterator[Found]:
    """Bare numbers under weight headers, in a row whose unit-of-measure cell is a mass unit."""
    for header, offset, line in table_rows(text):
        spans = cell_spans(line)
        units = [
            (index, unit)
            for index, head in enumerate(header)
            if _UNIT_FIELD.search(head) and (unit := _field_unit(line, *spans[index]))
        ]
        if len(units) != 1:
            continue  # none, or several units to choose between
        unit = units[0][1]
        for index, head in enumerate(header):
            value = _BARE_NUMBER.fullmatch(line, *spans[index])
            if value and vocab.WEIGHT.search(head):
                start, end = value.span("number")
                yield unit, value["number"], offset + start, offset + end


def _key_values(text: str) -> Iterator[Found]:
    """Flattened key paths: "article.weight_net: 2.4" with "article.weight_unit: lb" of the
    same object (the same path up to the last dot)."""
    pairs = list(_KEY_VALUE.finditer(text))
    units: dict[str, list[re.Match[str]]] = {}
    for pair in pairs:
        parent, _, leaf = pair["key"].rpartition(".")
        unit = _field_unit(pair["value"])
        if unit and _UNIT_FIELD.search(leaf):
            units.setdefault(parent, []).append(unit)
    for pair in pairs:
        parent = pair["key"].rpartition(".")[0]
        value = _BARE_NUMBER.fullmatch(pair["value"])
        found = units.get(parent, [])
        if value and len(found) == 1 and vocab.WEIGHT.search(pair["key"]):
            start = pair.start("value")
            yield (
                found[0],
                value["number"],
                start + value.start("number"),
                start + value.end("number"),
            )
