"""A table cell whose number and unit a PDF put on two lines: "1 | Bow shackle | 40 | 2.47"
over "3/4\\" WLL 6.5 | kg", the wrapped rest of the row. The lone unit cell of the next row
line is the unit of the number under a weight column."""

import re
from collections.abc import Iterator

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.numbers import NUMBER
from cost_model_service.analysis.rules.tables import cell_spans, header_cell
from cost_model_service.analysis.rules.units import MASS_UNIT

_BARE_NUMBER = re.compile(rf"[ \t]*(?P<number>{NUMBER})[ \t]*")
_LONE_UNIT = re.compile(rf"[ \t]*(?P<unit>{MASS_UNIT})[ \t]*", re.IGNORECASE)
_HEADER_UNIT = re.compile(rf"(?<![^\W\d_]){MASS_UNIT}(?![^\W\d_])", re.IGNORECASE)


def split_cell_values(text: str) -> Iterator[tuple[re.Match[str], str, int, int]]:
    """(unit match, number, start, end) of each bare number under a weight column whose
    unit stands alone in a cell of the next, narrower row line."""
    lines = text.split("\n")
    offset = 0
    for index, line in enumerate(lines[:-1]):
        below = lines[index + 1]
        spans = cell_spans(line) if "|" in line and "|" in below else []
        units = [
            unit
            for unit in (_LONE_UNIT.fullmatch(below, a, b) for a, b in cell_spans(below))
            if unit
        ]
        if len(units) == 1 and len(cell_spans(below)) < len(spans):
            for a, b in spans:
                value = _BARE_NUMBER.fullmatch(line, a, b)
                head = header_cell(text, offset + a) if value else ""
                if value and vocab.WEIGHT.search(head) and not _HEADER_UNIT.search(head):
                    start, end = offset + value.start("number"), offset + value.end("number")
                    yield units[0], value.group("number"), start, end
        offset += len(line) + 1
