"""The uploads as analyzers take them: all text (OCR included) and the images themselves."""

from cost_model_service.analysis.base import DocumentError, ImageInput
from cost_model_service.analysis.isolation import pool_for
from cost_model_service.articles.models import ArticleFile, FileKind
from cost_model_service.config import Settings

MAX_IMAGE_BYTES = 5 * 1024 * 1024
FIELD_NAMES = {FileKind.specification: "productSpecification", FileKind.drawing: "drawing"}


async def read_upload(
    settings: Settings, filename: str, content_type: str | None, data: bytes
) -> str:
    """The text of one upload, read in an isolated process within the settings' limits
    (time, memory, and what parsing may cost): the one way the worker, `cms extract` and
    `cms eval` read files. Raises DocumentError (LimitExceeded for a limit) naming why."""
    if not data:
        return ""
    return await pool_for(settings).extract_text(filename, content_type, data)


async def load_text(files: list[ArticleFile], settings: Settings) -> str:
    texts = []
    for file in sorted(files, key=lambda f: f.kind != FileKind.specification):
        field = FIELD_NAMES[file.kind]
        try:
            text = await read_upload(settings, file.filename, file.content_type, file.content)
        except DocumentError as error:
            raise DocumentError(f"could not read {field}: {error.message}") from error
        if file.kind is FileKind.specification and not text.strip():
            raise DocumentError(f"could not read {field}: no text found in '{file.filename}'")
        if file.kind is FileKind.drawing and text.strip():
            text = f"--- drawing {file.filename} ---\n{text}"
        texts.append(text)
    return "\n\n".join(texts)


def images_of(files: list[ArticleFile]) -> list[ImageInput]:
    """Uploaded PNG/JPEG files, for analyzers that can look at them (OCR text is in the text
    either way). Large ones are left to OCR: they would cost many tokens."""
    return [image for file in files if (image := image_input(file.content)) is not None]


def image_input(data: bytes) -> ImageInput | None:
    """One uploaded file as an image for a vision model, if it is a PNG/JPEG small enough."""
    media_type = _image_type(data)
    if media_type and len(data) <= MAX_IMAGE_BYTES:
        return ImageInput(media_type, data)
    return None


def _image_type(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None
