"""Finding the files to upload: directories recursively, and what cannot be sent skipped
with a warning (unreadable, empty, larger than the server takes)."""

import html
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

CONTENT_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".csv": "text/csv",
    ".json": "application/json",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_NAME = 255
TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Upload:
    path: Path
    data: bytes
    name: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.path.suffix.lower()]


def warn(message: str) -> None:
    print(f"cms analyze: warning: {message}", file=sys.stderr, flush=True)


def _walk(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file())
        elif path.exists():
            yield path
        else:
            warn(f"{path}: no such file or directory, skipped")


def title_of(path: Path, data: bytes) -> str | None:
    """The document's own title, where plain text shows one: an HTML <title>, or the first
    line of a text or Markdown file (without its '#')."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        found = TITLE.search(data)
        text = html.unescape(found.group(1).decode("utf-8", "replace")) if found else ""
    elif suffix in (".txt", ".md"):
        lines = data.decode("utf-8", "replace").splitlines()
        text = next((line.strip().lstrip("#").strip() for line in lines if line.strip()), "")
    else:
        return None
    return " ".join(text.split())[:MAX_NAME] or None


def collect(paths: Iterable[Path], *, name_from: str, max_bytes: int) -> list[Upload]:
    uploads = []
    for path in _walk(paths):
        if path.suffix.lower() not in CONTENT_TYPES:
            if path.name != ".DS_Store":
                warn(f"{path}: not a supported file type, skipped")
            continue
        try:
            data = path.read_bytes()
        except OSError as error:
            warn(f"{path}: cannot be read ({error.strerror or error}), skipped")
            continue
        if not data:
            warn(f"{path}: empty, skipped")
            continue
        if len(data) > max_bytes:
            warn(f"{path}: larger than {max_bytes} bytes (CMS_MAX_UPLOAD_BYTES), skipped")
            continue
        name = (title_of(path, data) if name_from == "title" else None) or path.stem[:MAX_NAME]
        uploads.append(Upload(path, data, name))
    return uploads
