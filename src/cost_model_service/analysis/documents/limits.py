"""Bounds on the work one upload may cause: uploads are untrusted, possibly hostile."""

import logging

logger = logging.getLogger(__name__)

MAX_CHARS = 2_000_000  # extracted text kept per document; far beyond any real spec sheet
MAX_PDF_PAGES = 200  # pages read from a PDF; a spec sheet's weight is on its first pages
MAX_OCR_IMAGES = 10  # images OCR'd per scanned PDF: OCR costs seconds per image
MAX_IMAGE_PIXELS = 40_000_000  # larger images are refused before decoding (pixel bombs)
MAX_ZIP_ENTRIES = 10_000
MAX_ZIP_UNCOMPRESSED = 100 * 1024 * 1024  # total declared size of an Office zip's members
MAX_ZIP_RATIO = 100  # declared uncompressed / compressed size of a large member
ZIP_RATIO_MIN_SIZE = 1024 * 1024  # small members may compress well without being a bomb
MAX_XLSX_CELLS = 1_000_000  # openpyxl pads sparse sheets with empty cells: bound the walk
BINARY_SAMPLE = 64 * 1024  # bytes inspected to tell text from binary


def clip(text: str, source: str) -> str:
    """Cut text at MAX_CHARS, logging it: a truncated sheet is still worth analysing."""
    if len(text) <= MAX_CHARS:
        return text
    logger.warning("%s: text truncated from %d to %d characters", source, len(text), MAX_CHARS)
    return text[:MAX_CHARS]


class TextBudget:
    """Collects extracted pieces and says when the character cap is reached."""

    def __init__(self) -> None:
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
        return self.size >= MAX_CHARS

    def text(self) -> str:
        return "\n".join(self.parts)[:MAX_CHARS]
