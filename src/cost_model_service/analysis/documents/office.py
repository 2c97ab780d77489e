"""DOCX (python-docx) and XLSX (openpyxl), behind bounds on what parsing the container costs."""

import io
import re
import zipfile
import zlib
from datetime import date, datetime, time

import docx
import openpyxl
from docx.table import Table
from docx.text.paragraph import Paragraph

from cost_model_service.analysis.base import DocumentError
from cost_model_service.analysis.documents.limits import (
    DEFAULT_LIMITS,
    DocumentLimits,
    LimitExceeded,
    TextBudget,
    megabytes,
)

_CHUNK = 1024 * 1024
_TABLE_END = "\x00"  # marks a blank line after a table, kept by the filter of blank lines
_XML_START = (b"<", b"\xef\xbb\xbf<")  # what lxml would parse starts so (after blanks)


def check_package(data: bytes, limits: DocumentLimits = DEFAULT_LIMITS) -> None:
    """Refuse an Office container whose parsing would cost more than the limits allow,
    before python-docx or openpyxl parse any of it.

    Zip bombs are refused from the central directory. Then every part that is XML (by its
    first bytes, not its name: a renamed part is still parsed) counts towards the XML
    bounds over all parts together: python-docx parses every related part into a tree at
    once, so many parts each just under a per-part bound add up (issue 8). Python's
    zipfile stops a member at its declared size, so the work here is bounded too.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _check_container(members, limits)
            _check_xml(archive, members, limits)
    except zipfile.BadZipFile as exc:
        raise DocumentError("corrupt file: damaged ZIP/Office container") from exc
    except (OSError, ValueError, EOFError, RuntimeError, NotImplementedError, zlib.error) as exc:
        raise DocumentError("corrupt file: damaged ZIP/Office container") from exc


def _check_container(members: list[zipfile.ZipInfo], limits: DocumentLimits) -> None:
    if len(members) > limits.max_zip_entries:
        raise LimitExceeded(f"document refused: {len(members)} parts in the Office container")
    total = sum(member.file_size for member in members)
    if total > limits.max_zip_uncompressed:
        raise LimitExceeded(
            f"document refused: it would expand to {total // (1024 * 1024)} MiB (zip bomb?)"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits.zip_ratio_min_size and ratio > limits.max_zip_ratio:
            raise LimitExceeded(
                f"document refused: part {member.filename} is compressed {ratio:.0f}:1 (zip bomb?)"
            )


def _check_xml(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], limits: DocumentLimits
) -> None:
    xml_bytes = elements = 0
    for member in members:
        if member.is_dir() or member.file_size == 0:
            continue
        with archive.open(member) as part:
            chunk = part.read(_CHUNK)
            if not chunk.lstrip().startswith(_XML_START):
                continue  # media, fonts, embedded binaries: kept as bytes, never parsed
            xml_bytes += member.file_size
            if xml_bytes > limits.max_xml_bytes:
                raise LimitExceeded(
                    f"the document's XML parts exceed {megabytes(limits.max_xml_bytes)} when "
                    "decompressed (limit CMS_EXTRACTION_MAX_XML_MB)"
                )
            while chunk:
                # Start tags (and empty elements), not end tags, declarations or comments:
                # an upper bound on the elements lxml builds, counted at memchr speed.
                elements += chunk.count(b"<") - chunk.count(b"</") - chunk.count(b"<?")
                if elements > limits.max_xml_elements:
                    raise LimitExceeded(
                        f"the document's XML parts hold more than {limits.max_xml_elements:,} "
                        "elements (limit CMS_EXTRACTION_MAX_XML_ELEMENTS)"
                    )
                chunk = part.read(_CHUNK)


def _reraise_limits(exc: Exception) -> None:
    """Parsers wrap everything; a limit or an exhausted memory must keep its true reason."""
    if isinstance(exc, DocumentError | MemoryError):
        raise exc


def docx_to_text(data: bytes, limits: DocumentLimits = DEFAULT_LIMITS) -> str:
    check_package(data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
        budget = TextBudget(limits.max_chars)
        header = document.sections[0].header if document.sections else None
        if header is not None and not header.is_linked_to_previous:
            for paragraph in header.paragraphs:  # headers often carry the article name
                budget.add(paragraph.text)
        for block in document.iter_inner_content():  # paragraphs and tables in reading order
            if isinstance(block, Paragraph):
                budget.add(block.text)
            elif isinstance(block, Table):
                _add_table(block, budget)
                budget.add(_TABLE_END)
            if budget.full:
                break
        text = budget.text()
    except Exception as exc:  # python-docx/lxml raise many types on malformed parts
        _reraise_limits(exc)
        raise DocumentError("corrupt or unreadable DOCX document") from exc
    lines = [line for line in text.splitlines() if line.strip()]
    # One blank line ends each table, so the next table's rows do not read the first
    # table's header row as their own ("Funzione | Portata" over "Massa | 390 g").
    return "\n".join("" if line == _TABLE_END else line for line in lines).strip("\n")


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


def xlsx_to_text(data: bytes, limits: DocumentLimits = DEFAULT_LIMITS) -> str:
    check_package(data, limits)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        budget = TextBudget(limits.max_chars)
        cells_left = limits.max_xlsx_cells
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
        _reraise_limits(exc)
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
