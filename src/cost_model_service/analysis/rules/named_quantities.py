"""Ratings and sizes as identifiers of a variant: "3.7 kW" in the title names the row whose
power is 3.7 kW, written "3,7 kW" in a cell or "3.7" under a "Motor kW" header, and
"1000 mm" the row of that length. A number is compared with its unit, so the 3.7 of a
current (A) or the 1000 of a speed (rpm) names nothing."""

import re

from cost_model_service.analysis.rules.aligned import aligned_header
from cost_model_service.analysis.rules.tables import cells, column_of, header_of, line_bounds

# Units of ratings and sizes (mass units are blanked before: a weight names no variant).
_UNIT = (
    r"kw|w|kva|va|hp|ps|cv|v|a|ah|mah|nm|bar|psi|hz|rpm|mm|cm|m|km|in|l|ml|cl|m3|l/min|l/h"
    r"|m3/h|dn|mpa"
)
_NUMBER = r"\d+(?:[.,]\d+)?"
_QUANTITY = re.compile(
    rf"(?<![\w.,])(?P<number>{_NUMBER})[ \t]*(?P<unit>{_UNIT})(?![^\W\d_])", re.IGNORECASE
)
_ALIGNED_CELL = re.compile(r"\S+(?: \S+)*")  # cells apart by two spaces or more
_BARE = re.compile(rf"[ \t]*(?P<number>{_NUMBER})[ \t]*")
# The unit a header gives its column: last ("Motor kW", "length mm") or in brackets ("(mm)").
_HEADER_UNIT = re.compile(rf"(?:^|[ (\[])(?P<unit>{_UNIT})[)\]]?[ \t]*$", re.IGNORECASE)
_KEY_VALUE = re.compile(rf"(?P<unit>{_UNIT})[ \t]*:[ \t]*(?P<number>{_NUMBER})[ \t]*$", re.I)
_LEADING_ZEROS = re.compile(r"^0+(?=\d)")
MARK = "="  # quantity tokens are told from codes by this mark


def quantity_tokens(text: str) -> set[str]:
    """The numbers with a unit in a text: {"=3.7kw", "=1000mm"}."""
    found = {_token(m["number"], m["unit"]) for m in _QUANTITY.finditer(text)}
    for line in text.splitlines():  # "power_kw: 3.7" of a flattened JSON or a key list
        pair = _KEY_VALUE.search(line)
        if pair:
            found.add(_token(pair["number"], pair["unit"]))
    return found


def row_quantities(text: str, pos: int) -> set[str]:
    """The numbers with a unit in `pos`'s table row: written in a cell, or bare under a
    header that gives the unit."""
    start, end = line_bounds(text, pos)
    line = text[start:end]
    found = quantity_tokens(line)
    if "|" not in line:  # a table aligned with spaces: each cell's header above it
        for aligned in _ALIGNED_CELL.finditer(line):
            bare = _BARE.fullmatch(aligned.group(0))
            unit = _HEADER_UNIT.search(aligned_header(text, start + aligned.start()))
            if bare and unit and not aligned.start() <= pos - start < aligned.end():
                found.add(_token(bare["number"], unit["unit"]))
        return found
    header = header_of(text, pos)
    if header is None:
        return found
    row = cells(line)
    own = column_of(line, pos - start)
    for index, (cell, head) in enumerate(zip(row, header.cells, strict=False)):
        bare, unit = _BARE.fullmatch(cell), _HEADER_UNIT.search(head)
        if bare and unit and index != own:
            found.add(_token(bare["number"], unit["unit"]))
    return found


def _token(number: str, unit: str) -> str:
    value = number.replace(",", ".")
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    value = _LEADING_ZEROS.sub("", value)
    return f"{MARK}{value}{unit.lower()}"
