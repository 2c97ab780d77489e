"""Does an upload's declared content type contradict its bytes?

Only a clear contradiction is refused: the bytes carry a known signature (PDF, PNG, JPEG,
DOCX, XLSX) and the declared type names a different specific format, or a text type.
Generic declarations (application/octet-stream, none, application/zip, anything we do not
know) are accepted, and so are bytes without a signature: browsers and tools guess content
types badly, and the pipeline reads the bytes anyway (analysis/documents/detect.py) and
fails unreadable files with a reason.
"""

from cost_model_service.analysis.base import DocumentError
from cost_model_service.analysis.documents.detect import Kind, detect_kind
from cost_model_service.errors import BadUserInput

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_NAMES = {
    PDF: "a PDF document",
    PNG: "a PNG image",
    JPEG: "a JPEG image",
    DOCX: "a DOCX document",
    XLSX: "an XLSX workbook",
}
# Declared type -> the signature it promises (aliases tools really send).
_SPECIFIC = {
    PDF: PDF,
    "application/x-pdf": PDF,
    PNG: PNG,
    JPEG: JPEG,
    "image/jpg": JPEG,
    "image/pjpeg": JPEG,
    DOCX: DOCX,
    XLSX: XLSX,
}
_TEXTUAL = {"application/json", "application/xml", "application/xhtml+xml", "application/csv"}


def sniff(data: bytes) -> str | None:
    """The format the bytes positively are, by signature; None if they have none we know."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    try:
        # No name and no claimed type: the bytes alone decide (PDF, the Office ZIPs).
        kind = detect_kind("", None, data)
    except DocumentError:
        return None  # recognised but unsupported (GIF, RAR, ...): the pipeline says why
    return {Kind.PDF: PDF, Kind.DOCX: DOCX, Kind.XLSX: XLSX}.get(kind)


def check_declared_type(field: str, content_type: str | None, data: bytes) -> None:
    declared = (content_type or "").split(";")[0].strip().lower()
    actual = sniff(data)
    if actual is None or not declared:
        return
    promised = _SPECIFIC.get(declared)
    textual = declared.startswith("text/") or declared in _TEXTUAL
    if (promised is not None and promised != actual) or (promised is None and textual):
        raise BadUserInput(
            f"{field} is declared as {declared} but its content is {_NAMES[actual]}: send it "
            "with its real content type (or application/octet-stream)"
        )
