"""Offline OCR of images with rapidocr_onnxruntime (the optional 'ocr' extra).

The OCR engine returns loose text boxes; they are regrouped into lines here so a spec
table photographed or rendered as an image reads like the other formats: one row per
line, distant columns separated by ' | '.
"""

import io
import itertools
import threading
from functools import lru_cache
from typing import Any

from cost_model_service.analysis.base import DocumentError
from cost_model_service.analysis.documents import ocr_text
from cost_model_service.analysis.documents.limits import (
    DEFAULT_LIMITS,
    DocumentLimits,
    LimitExceeded,
)

OCR_MISSING = "OCR is not installed: install the 'ocr' extra"
# RapidOCR reads at most this many pixels per side (its max_side_len) and scales larger
# images down itself, after copying them to float arrays at full size: scaling down first
# gives the same text for a fraction of the memory and time.
OCR_MAX_SIDE = 2000
# An image whose lightest and darkest grey differ by less than this holds no text: a blank
# page. OCR would still spend seconds (detection costs by area, not by content).
_BLANK_CONTRAST = 24
_MIN_SCORE = 0.5  # boxes the recogniser is unsure about are mostly noise
_lock = threading.Lock()  # one engine shared by worker threads; inference is not re-entrant


@lru_cache(maxsize=1)
def _engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:  # optional extra; imported lazily so the service runs without it
        raise DocumentError(OCR_MISSING) from exc
    return RapidOCR()


def image_to_text(data: bytes, limits: DocumentLimits = DEFAULT_LIMITS) -> str:
    image = _open(data, limits)
    low, high = image.convert("L").getextrema()
    if high - low < _BLANK_CONTRAST:
        return ""
    text = _read(image)
    if ocr_text.unread_weight(text):
        # Speckles (scan noise) can garble a value the label beside it was read for; a
        # median filter removes isolated dots. Kept only when it reads the value.
        from PIL import ImageFilter

        again = _read(image.filter(ImageFilter.MedianFilter(3)))
        if not ocr_text.unread_weight(again):
            return again
    return text


def _read(image: Any) -> str:
    engine = _engine()
    with _lock:
        try:
            result, _elapsed = engine(image)
        except MemoryError:
            raise
        except Exception as exc:  # the engine raises assorted errors on odd images
            raise DocumentError("corrupt image: it could not be read") from exc
    return _boxes_to_lines(result or [])


def _open(data: bytes, limits: DocumentLimits) -> Any:
    """Decode with PIL: pixel bombs refused from the header, phone photos turned upright,
    large images scaled down to what the OCR reads."""
    from PIL import Image, ImageOps  # a dependency of rapidocr, present with the engine

    try:
        image: Image.Image = Image.open(io.BytesIO(data))
        width, height = image.size
        if width * height > limits.max_image_pixels:
            raise LimitExceeded(
                f"image too large: {width} x {height} pixels is {width * height / 1e6:.1f} "
                f"megapixels (limit {limits.max_image_pixels / 1e6:g} megapixels, "
                "CMS_EXTRACTION_MAX_IMAGE_PIXELS)"
            )
        image.draft("RGB", (OCR_MAX_SIDE, OCR_MAX_SIDE))  # JPEG: decode at a reduced scale
        image = ImageOps.exif_transpose(image)  # EXIF orientation, or the OCR reads sideways
        image.thumbnail((OCR_MAX_SIDE, OCR_MAX_SIDE))
        return image
    except Image.DecompressionBombError as exc:  # PIL's own, higher limit
        raise LimitExceeded("image too large: refused before decoding") from exc
    except (DocumentError, MemoryError):
        raise
    except Exception as exc:
        raise DocumentError("corrupt image: it could not be read") from exc


def _boxes_to_lines(boxes: list[Any]) -> str:
    """Group OCR boxes ([corners, text, score]) into lines by their vertical centre."""
    kept = [(c, str(t).strip(), float(s)) for c, t, s in boxes if float(s) >= _MIN_SCORE]
    texts = [text for _, text, _ in kept]
    items = []
    for corners, raw, score in kept:
        if not raw:
            continue
        text = ocr_text.repair(raw)
        if ocr_text.doubtful(text, score, texts):
            text = f"{ocr_text.DOUBT} {text}"  # read as uncertain; before: "1450 | g" stays whole
        ys = [point[1] for point in corners]
        xs = [point[0] for point in corners]
        items.append((min(ys), max(ys), min(xs), max(xs), text))
    items.sort(key=lambda item: (item[0] + item[1]) / 2)

    lines: list[list[tuple[float, float, float, float, str]]] = []
    for item in items:
        centre = (item[0] + item[1]) / 2
        last = lines[-1] if lines else None
        # Same line when the centre falls within the current line's vertical extent.
        if last and min(b[0] for b in last) <= centre <= max(b[1] for b in last):
            last.append(item)
        else:
            lines.append([item])

    starts = [[item[2] for item in line] for line in lines]
    rendered = []
    for index, line in enumerate(lines):
        line.sort(key=lambda item: item[2])
        height = max(item[1] - item[0] for item in line)
        others = [x for i, xs in enumerate(starts) if i != index for x in xs]
        parts = [line[0][4]]
        for previous, item in itertools.pairwise(line):
            gap = item[2] - previous[3]
            if ocr_text.lost_decimal_point(parts[-1], item[4], gap, height):
                # "35" + "3 lbs" is 35.3 lbs, read as uncertain: the point was a guess.
                if not parts[-1].startswith(ocr_text.DOUBT):
                    parts[-1] = f"{ocr_text.DOUBT} {parts[-1]}"
                parts.append(".")
                parts.append(item[4])
                continue
            # A table column: a wide gap, or a left edge shared with boxes on other lines
            # (a long label can leave only a narrow gap before the value column).
            aligned = sum(abs(x - item[2]) <= height / 2 for x in others) >= 2
            wide = gap > 1.5 * height
            parts.append(" | " if aligned or wide else " ")
            parts.append(item[4])
        rendered.append("".join(parts))
    return "\n".join(rendered)
