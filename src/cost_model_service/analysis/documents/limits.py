"""Bounds on the work one upload may cause: uploads are untrusted, possibly hostile.

Each bound is checked before the work it bounds is done (declared sizes, counts, headers),
and one that is passed fails the document with `LimitExceeded`, whose message names the
bound and the setting that moves it. The process that parses documents has a memory limit
and a timeout on top of these (analysis/isolation): the backstop for whatever slips by.
"""

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cost_model_service.analysis.base import DocumentError

if TYPE_CHECKING:
    from cost_model_service.config import Settings

logger = logging.getLogger(__name__)

MB = 1024 * 1024
BINARY_SAMPLE = 64 * 1024  # bytes inspected to tell text from binary


class LimitExceeded(DocumentError):
    """The document would cost more to read than a bound allows: permanent, never retried."""


@dataclass(frozen=True)
class DocumentLimits:
    max_chars: int = 2_000_000  # extracted text kept per document; far beyond any spec sheet
    max_pdf_pages: int = 200  # pages read from a PDF; a spec sheet's weight is on its first pages
    # Decompressed content streams read for text, over the whole PDF (CMS_ setting).
    max_pdf_stream_bytes: int = 25 * MB
    max_ocr_images: int = 10  # images OCR'd per scanned PDF: OCR costs seconds per image
    max_image_pixels: int = 40_000_000  # from the header, before decoding (CMS_ setting)
    # Decompressed XML parts of a DOCX/XLSX, all parts together, and their elements: a
    # parsed element costs ~130 bytes in lxml, so these bound the parser's memory.
    max_xml_bytes: int = 50 * MB
    max_xml_elements: int = 2_000_000
    max_zip_entries: int = 10_000
    max_zip_uncompressed: int = 100 * MB  # declared size of all members of an Office zip
    max_zip_ratio: int = 100  # declared uncompressed / compressed size of a large member
    zip_ratio_min_size: int = MB  # small members may compress well without being a bomb
    max_xlsx_cells: int = 1_000_000  # openpyxl pads sparse sheets with empty cells

    @classmethod
    def from_settings(cls, settings: "Settings") -> "DocumentLimits":
        return cls(
            max_pdf_stream_bytes=settings.extraction_max_pdf_stream_mb * MB,
            max_image_pixels=settings.extraction_max_image_pixels,
            max_xml_bytes=settings.extraction_max_xml_mb * MB,
            max_xml_elements=settings.extraction_max_xml_elements,
        )


DEFAULT_LIMITS = DocumentLimits()


def megabytes(size: int) -> str:
    return f"{size / MB:g} MB"


def clip(text: str, source: str, limits: DocumentLimits = DEFAULT_LIMITS) -> str:
    """Cut text at max_chars, logging it: a truncated sheet is still worth analysing."""
    if len(text) <= limits.max_chars:
        return text
    logger.warning(
        "%s: text truncated from %d to %d characters", source, len(text), limits.max_chars
    )
    return text[: limits.max_chars]


class TextBudget:
    """Collects extracted pieces and says when the character cap is reached."""

    def __init__(self, max_chars: int = DEFAULT_LIMITS.max_chars) -> None:
        self.max_chars = max_chars
        self.parts: list[str] = []
        self.size = 0

    def add(self, piece: str) -> bool:
        """Append a piece; False once the cap is reached, so the caller can stop early."""
        if self.full:
            return False
        self.parts.append(piece)
        self.size += len(piece) + 1
        return not self.full

    @property
    def full(self) -> bool:
        return self.size >= self.max_chars

    def text(self) -> str:
        return "\n".join(self.parts)[: self.max_chars]
