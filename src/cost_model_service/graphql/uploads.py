"""Reading uploaded files into memory, refusing a file as soon as it passes the limit."""

from starlette.datastructures import UploadFile

from cost_model_service.articles.models import FileKind
from cost_model_service.articles.schemas import NewFile
from cost_model_service.errors import BadUserInput, PayloadTooLarge

CHUNK = 256 * 1024


async def read_upload(upload: object, kind: FileKind, field: str, limit: int) -> NewFile:
    if not isinstance(upload, UploadFile):
        raise BadUserInput(f"{field} must be a file upload")
    chunks: list[bytes] = []
    size = 0
    while chunk := await upload.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"{field} is larger than the limit of {limit} bytes")
        chunks.append(chunk)
    if size == 0:
        raise BadUserInput(f"{field} is empty")
    filename = (upload.filename or field).replace("\\", "/").rsplit("/", 1)[-1][:255]
    return NewFile(kind=kind, filename=filename or field, content_type=upload.content_type,
                   data=b"".join(chunks))
