"""Numbers in tables aligned with spaces (plain-text sheets) whose column header carries
the unit: "Hub (mm)    Gewicht (kg)" over "300         4,5"."""

import re
from collections.abc import Callable, Iterator

from cost_model_service.analysis.rules.tables import line_bounds, previous_line

_CELL = re.compile(r"\S+(?: \S+)*")  # cells apart by two spaces or more
_NUMBER_CELL = re.compile(r"\d[\d.,' ]*")
_MAX_ROWS = 200


def column_values(
    text: str, header_unit: Callable[[str], re.Match[str] | None]
) -> Iterator[tuple[re.Match[str], str, int, int]]:
    """(the header cell's unit match, the number, its start, its end) for each bare number
    below an aligned header cell that `header_unit` matches, down to the block's end."""
    offset = 0
    columns: list[tuple[int, int, re.Match[str]]] = []
    rows = 0
    for line in text.split("\n"):
        cells = list(_CELL.finditer(line))
        if not line.strip() or "|" in line or len(cells) < 2 or rows >= _MAX_ROWS:
            columns, rows = [], 0  # the block ends
        elif columns:
            rows += 1
            for cell in cells:
                unit = _over(columns, cell.start(), cell.end())
                if unit and _NUMBER_CELL.fullmatch(cell.group(0)):
                    yield unit, cell.group(0), offset + cell.start(), offset + cell.end()
        else:
            columns = [
                (cell.start(), cell.end(), unit)
                for cell in cells
                if (unit := header_unit(cell.group(0)))
            ]
        offset += len(line) + 1


def _over(
    columns: list[tuple[int, int, re.Match[str]]], start: int, end: int
) -> re.Match[str] | None:
    """The header cell a value's span overlaps (values may be left- or right-aligned)."""
    return next((unit for a, b, unit in columns if start < b + 1 and a < end + 1), None)


_MAX_ALIGNED_ROWS = 30


def aligned_header(text: str, pos: int) -> str:
    """The header of `pos`'s column in a table aligned with spaces (plain-text sheets):
    the first line of its block whose cell spans `pos`'s column, e.g. "Peso" over
    "8,1 kg" in "Rapporto  Codice  ...  Peso"."""
    start, end = line_bounds(text, pos)
    if "|" in text[start:end] or len(_CELL.findall(text[start:end])) < 2:
        return ""
    top = start
    for _ in range(_MAX_ALIGNED_ROWS):
        above_start, above = previous_line(text, top)
        if above_start == top or text[above_start + len(above) : top].count("\n") > 1:
            break  # the block ends at an empty line
        if len(_CELL.findall(above)) < 2 and top != start:
            break  # or at a title line right above its header
        top = above_start
    if top == start:
        return ""
    header = text[top : line_bounds(text, top)[1]]
    if len(_CELL.findall(header)) < 2:
        return ""  # a heading over a key/value list ("Technical data"), not a table's header
    column = pos - start
    for cell in _CELL.finditer(header):
        if cell.start() <= column + 2 and column < cell.end() + 2:
            return cell.group(0)
    return ""
