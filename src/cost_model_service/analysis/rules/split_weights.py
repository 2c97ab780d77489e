"""A weight split in two fields, one per unit: sibling keys of a JSON object ({"kg": 2,
"g": 350} flattened to "mass.kg: 2" over "mass.g: 350") or adjacent columns of an export
("Gewicht kg | Gewicht g" over "2 | 350") or four cells of one row, each number with its
unit in a cell of its own ("Gewicht netto | 3 | kg | 450 | g"; issue 14, round T/S). The
parts add up to one weight."""

import re

from cost_model_service.analysis.rules.tables import header_cell
from cost_model_service.analysis.rules.units import MASS_UNIT

# A name ending in a unit after its parent's: "weight.kg", "Gewicht g" ("_" read as " ").
_UNIT_NAME = rf"[ \t]*(?P<parent>[^\W\d_][^:|=\n]*?)[. ](?:{MASS_UNIT})[ \t]*"
_UNIT_KEY = re.compile(rf"{_UNIT_NAME}[:=][ \t]*", re.IGNORECASE)
_UNIT_HEADER = re.compile(_UNIT_NAME, re.IGNORECASE)
_CELL_GAP = re.compile(r"[ \t]*\|[ \t]*")


def split_weight(text: str, first: int, first_end: int, second: int) -> bool:
    """Whether the numbers at `first` and `second` are the parts of one weight: values of
    two unit keys of one parent on consecutive lines, or of two adjacent columns whose
    headers name one weight in two units."""
    if _CELL_GAP.fullmatch(text, first_end, second) and "|" in text[first:first_end]:
        return True  # "3 | kg | 450 | g": the first part's unit closed its own cell
    if _CELL_GAP.fullmatch(text, first_end, second):
        names = [_UNIT_HEADER.fullmatch(header_cell(text, pos)) for pos in (first, second)]
        return _one_parent(names)
    first_line = text.rfind("\n", 0, first) + 1
    line_end = text.find("\n", first_end)
    second_line = text.rfind("\n", 0, second) + 1
    if line_end < 0 or line_end + 1 != second_line or text[first_end:line_end].strip():
        return False
    keys = [
        _UNIT_KEY.fullmatch(text, first_line, first),
        _UNIT_KEY.fullmatch(text, second_line, second),
    ]
    return _one_parent(keys)


def _one_parent(names: list[re.Match[str] | None]) -> bool:
    return all(names) and len({name["parent"].lower() for name in names if name}) == 1
