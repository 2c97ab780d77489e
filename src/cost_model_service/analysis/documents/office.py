"""DOCX (python-docx) and XLSX (openpyxl), behind a zip-bomb check of the container."""

import io
import re
import zipfile
from datetime import date, datetime, time

import docx
import openpyxl
from docx.table import Table
from docx.text.paragraph import Paragraph

from cost_model_service.analysis.base import DocumentError
from cost_model_service.analysis.documents.limits import (
    MAX_XLSX_CELLS,
    MAX_ZIP_ENTRIES,
    MAX_ZIP_RATIO,
    MAX_ZIP_UNCOMPRESSED,
    ZIP_RATIO_MIN_SIZE,
    TextBudget,
)


def check_zip(data: bytes) -> None:
    """Refuse a zip bomb from its central directory, before anything is decompressed.

    Python's zipfile stops a member at its declared size (and fails the CRC beyond it),
    so bounding the declared sizes bounds the real decompression work.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError("corrupt file: damaged ZIP/Office container") from exc
    if len(members) > MAX_ZIP_ENTRIES:
        raise DocumentError(f"document refused: {len(members)} parts in the Office container")
    total = sum(member.file_size for member in members)
    if total > MAX_ZIP_UNCOMPRESSED:
        raise DocumentError(
            f"document refused: it would expand to {total // (1024 * 1024)} MiB (zip bomb?)"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > ZIP_RATIO_MIN_SIZE and ratio > MAX_ZIP_RATIO:
            raise DocumentError(
                f"document refused: part {member.filename} is compressed {ratio:.0f}:1 (zip bomb?)"
            )


def docx_to_text(data: bytes) -> str:
    check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
        budget = TextBudget()
        header = document.sections[0].header if document.sections else None
        if header is not None and not header.is_linked_to_previous:
            for paragraph in header.paragraphs:  # headers often carry the article name
                budget.add(paragraph.text)
        for block in document.iter_inner_content():  # paragraphs and tables in reading order
            if isinstance(block, Paragraph):
                budget.add(block.text)
            elif isinstance(block, Table):
                _add_table(block, budget)
            if budget.full:
                break
        text = budget.text()
    except Exception as exc:  # python-docx/lxml raise many types on malformed parts
        raise DocumentError("corrupt or unreadable DOCX document") from exc
    return "\n".join(line for line in text.splitlines() if line.strip())


def _add_table(table: Table, budget: TextBudget) -> None:
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans: keep it once.
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(" ".join(cell.text.split()))
        if not budget.add(" | ".join(cells)):
            return


_FORMAT_UNIT = re.compile(r'"([^"]+)"\s*;?$')  # 0.00 "kg": a unit kept in the number format


def xlsx_to_text(data: bytes) -> str:
    check_zip(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        budget = TextBudget()
        cells_left = MAX_XLSX_CELLS
        for sheet in workbook.worksheets:
            budget.add(f"# {sheet.title}")
            for row in sheet.iter_rows():
                cells_left -= len(row)
                values = [_cell_text(cell) for cell in row]
                while values and not values[-1]:
                    values.pop()
                if values:
                    budget.add(" | ".join(values))
                if budget.full or cells_left <= 0:
                    break
            if budget.full or cells_left <= 0:
                break
        workbook.close()
        return budget.text()
    except Exception as exc:  # openpyxl raises many types on malformed parts
        raise DocumentError("corrupt or unreadable XLSX workbook") from exc


def _cell_text(cell: object) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    if isinstance(value, int | float):
        unit = _FORMAT_UNIT.search(getattr(cell, "number_format", "") or "")
        if unit:
            text = f"{text} {unit.group(1).strip()}"
    return text
