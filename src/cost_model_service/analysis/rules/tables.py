"""Lines and ' | ' tables of the extracted text (markdown, CSV, DOCX, HTML, PDF, OCR rows).

A value in a table row is labelled by the cells before it and by its column header,
which may be several lines up ("| Variant | ... | Weight |" over the variant rows).
"""

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from cost_model_service.analysis.rules.vocab import WEIGHT

_SEPARATOR_ROW = re.compile(r"^[\s|:+\-=]*$")  # markdown |---|---| rules
_MAX_TABLE_ROWS = 200
# A first row of two cells, a word key and a value holding a number, is an entry of a
# key/value table without a header row (PDF text layers, OCR), not a column header; one
# naming a weight heads its column ("Size | Weight per box of 100 pcs").
_KEY_VALUE_ROW = re.compile(r"[^\W\d_][^|\d]*\|[^|]*\d[^|]*$")


def line_bounds(text: str, pos: int, reach: int = 1000) -> tuple[int, int]:
    """The line around `pos`, clipped to `reach` characters each side: a hostile text
    without newlines must not make every lookup scan the whole document."""
    low = max(0, pos - reach)
    start = text.rfind("\n", low, pos) + 1 or low
    end = text.find("\n", pos, pos + reach)
    return start, min(len(text), pos + reach) if end < 0 else end


def previous_line(text: str, line_start: int) -> tuple[int, str]:
    """The nearest non-empty line above; (start, text), or (line_start, '') at the top."""
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            return start, text[start:end]
        end = start - 1
    return line_start, ""


def cell_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the cells of a ' | ' row; outer markdown pipes dropped."""
    edges = [-1, *(i for i, char in enumerate(line) if char == "|"), len(line)]
    spans = [(a + 1, b) for a, b in itertools.pairwise(edges)]
    if line.strip().startswith("|"):
        spans = spans[1:]
    if line.strip().endswith("|") and spans:
        spans = spans[:-1]
    return spans


def cells(line: str) -> list[str]:
    return [line[a:b].strip() for a, b in cell_spans(line)]


def table_rows(text: str) -> Iterator[tuple[list[str], int, str]]:
    """(header cells, row offset, row) for each row below a table's first row."""
    header: list[str] | None = None
    offset, rows = 0, 0
    for line in text.split("\n"):
        if "|" not in line:
            header = None
        elif not _SEPARATOR_ROW.match(line):
            if header is None or (rows == 0 and len(cells(line)) > len(header)):
                # A wider second row heads the table: the first was a title or document
                # line ("Confirmación de pedido | PV-26-1187 | Fecha | 2026-03-14").
                header, rows = cells(line), 0
            elif len(cells(line)) == len(header):
                rows += 1
                yield header, offset, line
        offset += len(line) + 1


def column_of(line: str, offset: int) -> int:
    """Index of the cell that holds character `offset` of the line."""
    index = line[:offset].count("|")
    return index - 1 if line.strip().startswith("|") else index


@dataclass(frozen=True)
class Header:
    cells: list[str]
    start: int  # offset of the header line in the text


def header_of(text: str, pos: int) -> Header | None:
    """The first row of the table holding `pos`, when that row is above `pos`'s row."""
    start, end = line_bounds(text, pos)
    if "|" not in text[start:end]:
        return None
    width = _width(text[start:end])
    header: Header | None = None
    for _ in range(_MAX_TABLE_ROWS):  # bounded: a huge table must not make this quadratic
        if start <= 0:
            break
        above_start, above_end = line_bounds(text, start - 1)
        above = text[above_start:above_end]
        if "|" not in above and header is None:
            above_start, above = _over_header_tail(text, above_start, above, width)
        if "|" not in above:
            break
        if not _SEPARATOR_ROW.match(above):
            if header and len(cells(above)) < width - 1:
                break  # a narrower title or document line above the header row
            header = Header(cells(above), above_start)
        start = above_start
    if header is None or not header.cells or abs(len(header.cells) - width) > 1:
        return None  # a row of another shape is not this table's header
    first = " | ".join(header.cells)
    if _KEY_VALUE_ROW.match(first) and not WEIGHT.search(first):
        return None  # "Confezione | scatola da 500 pz": a key/value table's first entry
    return header


# A unit OCR set in a cell of its own ("SC-30 | 30 | mm | 50 | mm | 95 g" under "Type |
# Bore | OD | Weight"): no column of the header's (issue 14, round T/S).
_LONE_UNIT = re.compile(r"[ \t]*(?:mm|cm|m|in|g|kg|lbs?|oz)\.?[ \t]*", re.IGNORECASE)


def _width(line: str) -> int:
    row = cells(line)
    return len(row) - sum(1 for cell in row[1:] if _LONE_UNIT.fullmatch(cell))


# A header cell's words a PDF wrapped onto lines of their own ("Net weight" over "per"
# over "piece"): a word or two, no digits.
_HEADER_TAIL = re.compile(r"[ \t]*[^\W\d_]+(?:[ \t]+[^\W\d_]+)?[ \t]*")
_MAX_TAIL_LINES = 2
_MIN_TAIL_WIDTH = 3


def is_header_tail(line: str) -> bool:
    return bool(_HEADER_TAIL.fullmatch(line))


def _over_header_tail(text: str, start: int, line: str, width: int) -> tuple[int, str]:
    """The header row above the wrapped tails of its cells, when it is as wide as the row
    below them; else the line itself."""
    found = start, line
    for _ in range(_MAX_TAIL_LINES):
        if not is_header_tail(line) or start <= 0:
            return found
        start, line = previous_line(text, start)
        if "|" in line:
            # A header row of a real table: three columns or more, words, no values.
            heads = width >= _MIN_TAIL_WIDTH and not any(c.isdigit() for c in line)
            return (start, line) if heads and len(cells(line)) == width else found
    return found


def header_cell(text: str, pos: int) -> str:
    """The header of `pos`'s column. A header one cell short or long (a PDF's text layer
    can lose a column gap: "Inhalt  Druck" in one cell) still heads the first and the last
    column, where a table keeps its key and, most often, its weight."""
    header = header_of(text, pos)
    if header is None:
        return ""
    start, end = line_bounds(text, pos)
    index, width = column_of(text[start:end], pos - start), len(cells(text[start:end]))
    if len(header.cells) != width:
        index = 0 if index == 0 else -1 if index == width - 1 else len(header.cells)
    return header.cells[index] if -1 <= index < len(header.cells) else ""


def row_pairs(text: str, pos: int) -> str:
    """`pos`'s table row read as "header: cell" clauses ("unidades paquete: 50; peso paquete
    kg: 0,41"), so a count under its column header is stated like a key/value line."""
    header = header_of(text, pos)
    if header is None:
        return ""
    start, end = line_bounds(text, pos)
    row = cells(text[start:end])
    if len(row) != len(header.cells):
        return ""
    return "; ".join(f"{key}: {cell}" for key, cell in zip(header.cells, row, strict=True))


def is_header_row(text: str, line: str) -> bool:
    """Whether `line` (a first line) heads a ' | ' table: the next line has as many cells."""
    at = text.find(line)
    if "|" not in line or at < 0:
        return False
    below = text[at + len(line) :].lstrip("\n").split("\n", 1)[0]
    return len(cells(below)) == len(cells(line))


def column_cells(text: str, pos: int) -> list[str]:
    """The other cells of `pos`'s column, up and down its ' | ' table (bounded)."""
    start, end = line_bounds(text, pos)
    line = text[start:end]
    if "|" not in line:
        return []
    index, width = column_of(line, pos - start), len(cells(line))
    found = []
    for step in (-1, 1):
        edge = start if step < 0 else end
        for _ in range(_MAX_TABLE_ROWS):
            if (step < 0 and edge <= 0) or (step > 0 and edge >= len(text)):
                break
            a, b = line_bounds(text, edge - 1 if step < 0 else edge + 1)
            other = text[a:b]
            if "|" not in other:
                break
            row = cells(other)
            if len(row) == width and 0 <= index < width:
                found.append(row[index])
            edge = a if step < 0 else b
    return found
