"""A CSV's or table's header row read with the row below it, as "head: cell" pairs, so a
statement whose noun heads a column ("unidad_venta | uds_caja" over "UD | 25") is read
with its own cell, not with the next header."""

import re

from cost_model_service.analysis.rules.tables import cells

_SEPARATOR = re.compile(r"^[\s|:+\-=]*$")  # markdown |---|---| rules
_HEADER_SCAN = 20_000  # bounded: headers open the text


def header_rows(text: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, "head: cell" pairs) of each table header row of three or more columns,
    paired with the first row below it (one article per table). A row of two cells is a
    key/value entry ("Sales unit | box"), not a header."""
    rows, offset = [], 0
    header: tuple[int, int, list[str]] | None = None
    in_table = False  # past a table's first row: later rows are no headers
    for line in text[:_HEADER_SCAN].split("\n"):
        if "|" not in line:
            header, in_table = None, False
        elif not _SEPARATOR.match(line):
            row = cells(line)
            if header and len(row) == len(header[2]) >= 3:
                pairs = [f"{head}: {cell}" for head, cell in zip(header[2], row, strict=True)]
                rows.append((header[0], header[1], pairs))
                header = None
            elif not in_table:
                header = (offset, offset + len(line), row)
            in_table = True
        offset += len(line) + 1
    return rows
