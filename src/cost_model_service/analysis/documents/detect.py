"""Which extractor handles an upload: the bytes decide first, then the name and content type.

Names and content types come from the browser and are often wrong (a PDF saved as .txt,
an image sent as application/octet-stream), so magic numbers win whenever a format has one.
"""

import io
import zipfile
from enum import StrEnum
from pathlib import PurePosixPath

from cost_model_service.analysis.base import DocumentError


class Kind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    IMAGE = "image"
    HTML = "html"
    JSON = "json"
    CSV = "csv"
    TEXT = "text"  # txt, md and anything else that decodes as text


BINARY_KINDS = {Kind.PDF, Kind.DOCX, Kind.XLSX, Kind.IMAGE}

_EXTENSIONS = {
    ".pdf": Kind.PDF,
    ".docx": Kind.DOCX,
    ".xlsx": Kind.XLSX,
    ".xlsm": Kind.XLSX,
    ".png": Kind.IMAGE,
    ".jpg": Kind.IMAGE,
    ".jpeg": Kind.IMAGE,
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
    ".xhtml": Kind.HTML,
    ".json": Kind.JSON,
    ".csv": Kind.CSV,
    ".tsv": Kind.CSV,
}

_CONTENT_TYPES = {
    "application/pdf": Kind.PDF,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": Kind.DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": Kind.XLSX,
    "image/png": Kind.IMAGE,
    "image/jpeg": Kind.IMAGE,
    "text/html": Kind.HTML,
    "application/xhtml+xml": Kind.HTML,
    "application/json": Kind.JSON,
    "text/csv": Kind.CSV,
}

# Formats recognised only to refuse them with a message that tells the user what to do.
_REFUSED_MAGIC = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office file (.doc/.xls); save it as DOCX or PDF"),
    (b"{\\rtf", "RTF document; save it as DOCX or PDF"),
    (b"GIF8", "GIF image; upload PNG or JPEG"),
    (b"II*\x00", "TIFF image; upload PNG or JPEG"),
    (b"MM\x00*", "TIFF image; upload PNG or JPEG"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "executable file"),
]


def detect_kind(filename: str, content_type: str | None, data: bytes) -> Kind:
    """Classify an upload; raise DocumentError for formats that are recognised but refused."""
    claimed = _claimed_kind(filename, content_type)
    if data.lstrip().startswith(b"%PDF-"):
        return Kind.PDF
    if claimed is Kind.PDF and b"%PDF-" in data[:1024]:  # readers allow junk before it
        return Kind.PDF
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return Kind.IMAGE
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise DocumentError("unsupported file type: WebP image; upload PNG or JPEG")
    for magic, what in _REFUSED_MAGIC:
        if data.startswith(magic):
            raise DocumentError(f"unsupported file type: {what}")

    if claimed in BINARY_KINDS:
        # Named like a binary format but without its signature: corrupt, or not that format.
        raise DocumentError(f"corrupt file: {filename or 'upload'} is not a valid {claimed} file")
    return claimed or Kind.TEXT


def _claimed_kind(filename: str, content_type: str | None) -> Kind | None:
    by_extension = _EXTENSIONS.get(PurePosixPath(filename.lower()).suffix)
    if by_extension:
        return by_extension
    mime = (content_type or "").split(";")[0].strip().lower()
    return _CONTENT_TYPES.get(mime)


def _zip_kind(data: bytes) -> Kind:
    try:
        # Reads only the central directory; members are not decompressed here.
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError("corrupt file: damaged ZIP/Office container") from exc
    # The main part's exact name is declared in _rels/.rels; its folder is conventional.
    if any(name.startswith("word/") for name in names):
        return Kind.DOCX
    if any(name.startswith("xl/") for name in names):
        return Kind.XLSX
    if any(name.startswith("ppt/") for name in names):
        raise DocumentError("unsupported file type: PowerPoint; upload the spec as PDF")
    raise DocumentError("unsupported file type: ZIP archive that is not a DOCX or XLSX document")
