"""Turn an uploaded specification (any supported format) into plain text.

`extract_text` is synchronous, CPU-bound (OCR takes seconds per image) and fed untrusted
bytes: the service calls it only in an isolated process with memory and time limits
(`analysis.inputs.read_upload`); tests and tools may call it directly.

The extractors (pypdf, openpyxl, python-docx, lxml, numpy...) load with `extract_text`
(extract.py), not with the package: the API process imports only `detect` (to sniff an
upload's kind) and stays ~40 MiB smaller.
"""

from typing import Any

from cost_model_service.analysis.base import DocumentError
from cost_model_service.analysis.documents.detect import Kind, detect_kind
from cost_model_service.analysis.documents.limits import (
    DEFAULT_LIMITS,
    DocumentLimits,
    LimitExceeded,
    clip,
)
from cost_model_service.analysis.documents.ocr import OCR_MISSING

__all__ = [
    "DEFAULT_LIMITS",
    "OCR_MISSING",
    "DocumentError",
    "DocumentLimits",
    "Kind",
    "LimitExceeded",
    "clip",
    "detect_kind",
    "extract_text",
]


def __getattr__(name: str) -> Any:
    if name == "extract_text":
        from cost_model_service.analysis.documents.extract import extract_text

        return extract_text
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
