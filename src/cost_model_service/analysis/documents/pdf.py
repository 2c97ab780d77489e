"""PDF to text with pypdf; scanned PDFs (no text layer) go through OCR of their images."""

import io
import logging
import re
from collections.abc import Iterator, Sequence

from pypdf import PageObject, PdfReader, apply_configuration, get_configuration
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError
from pypdf.generic import DictionaryObject, StreamObject

from cost_model_service.analysis.base import DocumentError
from cost_model_service.analysis.documents import ocr
from cost_model_service.analysis.documents.limits import (
    DEFAULT_LIMITS,
    DocumentLimits,
    LimitExceeded,
    TextBudget,
    megabytes,
)

logger = logging.getLogger(__name__)

# Layout mode pads table columns with runs of spaces; ' | ' keeps label and value of a
# row together the same way DOCX and HTML tables are rendered.
_COLUMN_GAP = re.compile(r"[ \t]{3,}")
_MIN_TEXT_LAYER_CHARS = 20  # fewer visible characters than this: treat the PDF as scanned
_MAX_FORM_DEPTH = 8  # form XObjects nested in form XObjects


def pdf_to_text(data: bytes, limits: DocumentLimits = DEFAULT_LIMITS) -> str:
    # pypdf's own per-stream bounds (75 MB by default) are set to our budget for the
    # whole document, so a single stream already stops decompressing there.
    cap = limits.max_pdf_stream_bytes
    configuration = get_configuration().with_overwrites(
        zlib_maximum_output_length=cap,
        lzw_maximum_output_length=cap,
        run_length_maximum_output_length=cap,
        brotli_maximum_output_length=cap,
        array_based_stream_maximum_output_length=cap,
        image_maximum_buffer_size=4 * limits.max_image_pixels,
    )
    with apply_configuration(configuration):
        return _read(data, limits)


def _read(data: bytes, limits: DocumentLimits) -> str:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        _unlock(reader)
        pages = reader.pages[: limits.max_pdf_pages]
        if len(reader.pages) > limits.max_pdf_pages:
            logger.warning("PDF of %d pages: reading %d", len(reader.pages), limits.max_pdf_pages)
        budget = TextBudget(limits.max_chars)
        streams = _StreamBudget(limits.max_pdf_stream_bytes)
        for page in pages:
            if not streams.charge(page, has_text=bool(budget.parts)):
                break
            if not budget.add(_page_text(page)):
                break
        text = budget.text()
    except (DocumentError, MemoryError):
        raise
    except LimitReachedError as exc:
        raise LimitExceeded(f"the PDF exceeds one of pypdf's parsing limits ({exc})") from exc
    except Exception as exc:  # pypdf raises many types on malformed input
        raise DocumentError("corrupt or unreadable PDF") from exc
    if len("".join(text.split())) >= _MIN_TEXT_LAYER_CHARS:
        return text
    return _ocr_images(pages, limits) or text


class _StreamBudget:
    """Decompressed bytes of content streams (pages and their form XObjects) read for
    text, over the whole document: text extraction costs time and memory by this size."""

    def __init__(self, limit: int) -> None:
        self.left = limit
        self.limit = limit

    def charge(self, page: PageObject, *, has_text: bool) -> bool:
        """Charge a page before its text is read. False: stop here, keeping the text read
        so far (a long document's first pages are what matter); with no text yet, fail."""
        try:
            # Per page, not per stream object: pages sharing one stream parse it each time.
            for stream in _content_streams(page, _MAX_FORM_DEPTH, set()):
                self.left -= len(stream.get_data())  # decoded once; pypdf caches it
                if self.left < 0:
                    break
        except LimitReachedError:  # one stream alone inflates past the whole budget
            self.left = -1
        if self.left >= 0:
            return True
        if has_text:
            logger.warning(
                "PDF content streams pass %s: text of the first pages only", megabytes(self.limit)
            )
            return False
        raise LimitExceeded(
            f"the PDF's content streams exceed {megabytes(self.limit)} when decompressed "
            "(limit CMS_EXTRACTION_MAX_PDF_STREAM_MB)"
        )


def _content_streams(node: DictionaryObject, depth: int, seen: set[int]) -> Iterator[StreamObject]:
    """The page's content streams and its form XObjects' (each once: forms are shared)."""
    if isinstance(node, StreamObject):
        streams = [node]  # a form XObject is itself a content stream
    else:
        contents = node.get("/Contents")
        contents = contents.get_object() if contents is not None else []
        parts = contents if isinstance(contents, list) else [contents]
        streams = [part.get_object() for part in parts]
    for stream in streams:
        if isinstance(stream, StreamObject) and id(stream) not in seen:
            seen.add(id(stream))
            yield stream
    resources = node.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if depth <= 0 or xobjects is None:
        return
    for reference in xobjects.get_object().values():
        xobject = reference.get_object()
        if (
            isinstance(xobject, StreamObject)
            and xobject.get("/Subtype") == "/Form"
            and id(xobject) not in seen
        ):
            yield from _content_streams(xobject, depth - 1, seen)


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
    except (MemoryError, LimitReachedError):
        raise
    except Exception:  # layout mode is stricter about fonts; plain mode still gets the text
        text = page.extract_text()
    lines = (_COLUMN_GAP.sub(" | ", line.strip()) for line in text.splitlines())
    return "\n".join(_join_wrapped_cells([line for line in lines if line]))


_MAX_WRAPPED_WORDS = 4


def _join_wrapped_cells(lines: list[str]) -> list[str]:
    """A few words alone on a line between two table rows are the end of the row above,
    wrapped in its last cell ("Weight set (sender +" / "receiver)"): joined back, so a
    header row keeps its words and stays just above its rows."""
    joined: list[str] = []
    for index, line in enumerate(lines):
        below = lines[index + 1] if index + 1 < len(lines) else ""
        if (
            joined
            and joined[-1].count(" | ") >= 2
            and " | " not in line
            and " | " in below
            and len(line.split()) <= _MAX_WRAPPED_WORDS
            and _continues(joined[-1], line)
        ):
            joined[-1] += " " + line
        else:
            joined.append(line)
    return joined


def _continues(row: str, line: str) -> bool:
    """The line goes on with the row's last cell: it closes a bracket left open there,
    follows a joining sign, or opens in lower case (a heading between tables does not)."""
    last = row.rpartition(" | ")[2]
    return last.count("(") > last.count(")") or last.rstrip()[-1:] in "+-,/&" or line[0].islower()


def _ocr_images(pages: Sequence[PageObject], limits: DocumentLimits) -> str:
    """OCR the embedded images of a PDF without a text layer (a scan or a photo)."""
    images: list[bytes] = []
    for page in pages:
        if len(images) >= limits.max_ocr_images:
            break
        try:
            # Slicing first: each image is decoded only when iterated.
            wanted = limits.max_ocr_images - len(images)
            images.extend(image.data for image in page.images[:wanted])
        except (MemoryError, LimitExceeded):
            raise
        except Exception as exc:  # undecodable image streams: skip, there may be others
            logger.warning("PDF image could not be decoded: %s", exc)
    if not images:
        return ""
    return "\n".join(ocr.image_to_text(image, limits) for image in images)
