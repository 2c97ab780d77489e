"""Turn an uploaded specification (any supported format) into plain text.

`extract_text` is synchronous and CPU-bound (OCR takes seconds per image): call it from
a worker thread, e.g. `await asyncio.to_thread(extract_text, name, content_type, data)`.
"""

import re

from cost_model_service.analysis.base import DocumentError
from cost_model_service.analysis.documents.detect import Kind, detect_kind
from cost_model_service.analysis.documents.html import html_to_text
from cost_model_service.analysis.documents.limits import clip
from cost_model_service.analysis.documents.ocr import OCR_MISSING, image_to_text
from cost_model_service.analysis.documents.office import docx_to_text, xlsx_to_text
from cost_model_service.analysis.documents.pdf import pdf_to_text
from cost_model_service.analysis.documents.text import csv_to_text, decode_text, json_to_text

__all__ = ["OCR_MISSING", "DocumentError", "Kind", "detect_kind", "extract_text"]

_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.I)
_BLANK_RUNS = re.compile(r"\n{3,}")


def extract_text(filename: str, content_type: str | None, data: bytes) -> str:
    """Text of an upload; raises DocumentError with a readable reason when it has none.

    An empty file gives an empty string: whether that is an error is the caller's call.
    """
    if not data:
        return ""
    kind = detect_kind(filename, content_type, data)
    if kind is Kind.PDF:
        text = pdf_to_text(data)
    elif kind is Kind.DOCX:
        text = docx_to_text(data)
    elif kind is Kind.XLSX:
        text = xlsx_to_text(data)
    elif kind is Kind.IMAGE:
        text = image_to_text(data)
    else:
        text = _text_to_text(kind, decode_text(data))
    text = _BLANK_RUNS.sub("\n\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return clip(text.replace("\x00", "").strip(), filename)


def _text_to_text(kind: Kind, text: str) -> str:
    """Text formats: the claimed kind, else sniffed (HTML and JSON are often sent as .txt)."""
    start = text.lstrip()[:1024]
    if kind is Kind.TEXT and start.startswith("<") and _HTML_TAG.search(start):
        kind = Kind.HTML
    if kind is Kind.TEXT and start[:1] in ("{", "["):
        kind = Kind.JSON
    if kind is Kind.HTML:
        return html_to_text(text)
    if kind is Kind.CSV:
        return csv_to_text(text)
    if kind is Kind.JSON:
        # Invalid JSON (or prose that merely starts with a bracket) stays plain text.
        return json_to_text(text) or text
    return text
