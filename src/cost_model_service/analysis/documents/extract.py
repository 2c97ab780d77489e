"""`extract_text`: every extractor, imported with this module (the package imports it only
when `extract_text` is first asked for)."""

import re

from cost_model_service.analysis.documents.detect import Kind, detect_kind
from cost_model_service.analysis.documents.html import html_to_text
from cost_model_service.analysis.documents.limits import DEFAULT_LIMITS, DocumentLimits, clip
from cost_model_service.analysis.documents.ocr import image_to_text
from cost_model_service.analysis.documents.office import docx_to_text, xlsx_to_text
from cost_model_service.analysis.documents.pdf import pdf_to_text
from cost_model_service.analysis.documents.text import csv_to_text, decode_text, json_to_text

_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.I)
_BLANK_RUNS = re.compile(r"\n{3,}")


def extract_text(
    filename: str,
    content_type: str | None,
    data: bytes,
    limits: DocumentLimits = DEFAULT_LIMITS,
) -> str:
    """Text of an upload; raises DocumentError with a readable reason when it has none
    (LimitExceeded when reading it would cost more than `limits` allow).

    An empty file gives an empty string: whether that is an error is the caller's call.
    """
    if not data:
        return ""
    kind = detect_kind(filename, content_type, data)
    if kind is Kind.PDF:
        text = pdf_to_text(data, limits)
    elif kind is Kind.DOCX:
        text = docx_to_text(data, limits)
    elif kind is Kind.XLSX:
        text = xlsx_to_text(data, limits)
    elif kind is Kind.IMAGE:
        text = image_to_text(data, limits)
    else:
        text = _text_to_text(kind, decode_text(data), limits.max_chars)
    text = _BLANK_RUNS.sub("\n\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return clip(text.replace("\x00", "").strip(), filename, limits)


def _text_to_text(kind: Kind, text: str, max_chars: int) -> str:
    """Text formats: the claimed kind, else sniffed (HTML and JSON are often sent as .txt)."""
    start = text.lstrip()[:1024]
    if kind is Kind.TEXT and start.startswith("<") and _HTML_TAG.search(start):
        kind = Kind.HTML
    if kind is Kind.TEXT and start[:1] in ("{", "["):
        kind = Kind.JSON
    if kind is Kind.HTML:
        return html_to_text(text)
    if kind is Kind.CSV:
        return csv_to_text(text, max_chars)
    if kind is Kind.JSON:
        # Invalid JSON (or prose that merely starts with a bracket) stays plain text.
        return json_to_text(text, max_chars) or text
    return text
