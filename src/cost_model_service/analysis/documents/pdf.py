"""PDF to text with pypdf; scanned PDFs (no text layer) go through OCR of their images."""

import io
import logging
import re
from collections.abc import Sequence

from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from cost_model_service.analysis.base import DocumentError
from cost_model_service.analysis.documents import ocr
from cost_model_service.analysis.documents.limits import MAX_OCR_IMAGES, MAX_PDF_PAGES, TextBudget

logger = logging.getLogger(__name__)

# Layout mode pads table columns with runs of spaces; ' | ' keeps label and value of a
# row together the same way DOCX and HTML tables are rendered.
_COLUMN_GAP = re.compile(r"[ \t]{3,}")
_MIN_TEXT_LAYER_CHARS = 20  # fewer visible characters than this: treat the PDF as scanned


def pdf_to_text(data: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        _unlock(reader)
        pages = reader.pages[:MAX_PDF_PAGES]
        if len(reader.pages) > MAX_PDF_PAGES:
            logger.warning("PDF of %d pages: reading %d", len(reader.pages), MAX_PDF_PAGES)
        budget = TextBudget()
        for page in pages:
            if not budget.add(_page_text(page)):
                break
        text = budget.text()
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many types on malformed input
        raise DocumentError("corrupt or unreadable PDF") from exc
    if len("".join(text.split())) >= _MIN_TEXT_LAYER_CHARS:
        return text
    return _ocr_images(pages) or text


def _unlock(reader: PdfReader) -> None:
    if not reader.is_encrypted:
        return
    # Many PDFs are encrypted only to restrict printing/editing and open with an empty
    # password; those are readable. Anything else needs a password we do not have.
    try:
        if reader.decrypt(""):
            return
    except (DependencyError, FileNotDecryptedError, NotImplementedError):
        pass
    raise DocumentError("encrypted PDF: upload a copy without password protection")


def _page_text(page: PageObject) -> str:
    try:
        text = page.extract_text(extraction_mode="layout")
    except Exception:  # layout mode is stricter about fonts; plain mode still gets the text
        text = page.extract_text()
    lines = (_COLUMN_GAP.sub(" | ", line.strip()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _ocr_images(pages: Sequence[PageObject]) -> str:
    """OCR the embedded images of a PDF without a text layer (a scan or a photo)."""
    images: list[bytes] = []
    for page in pages:
        if len(images) >= MAX_OCR_IMAGES:
            break
        try:
            # Slicing first: each image is decoded only when iterated.
            images.extend(image.data for image in page.images[: MAX_OCR_IMAGES - len(images)])
        except Exception as exc:  # undecodable image streams: skip, there may be others
            logger.warning("PDF image could not be decoded: %s", exc)
    if not images:
        return ""
    return "\n".join(ocr.image_to_text(image) for image in images)
