"""Checks on a GraphQL multipart request (the upload spec) while its body streams in.

starlette spools every file part to disk before strawberry sees the request, and
strawberry then applies `map` to `operations` trusting both shapes (a map path through a
string, or a list of operations, ends in a TypeError and a 500). So the HTTP guard feeds
the body through this watcher, which uses the parser starlette itself uses, and refuses:

- more file parts than the schema can take (analyzeArticles: two per item, up to
  CMS_BATCH_MAX_ITEMS items), before the extra ones are spooled anywhere;
- a file part larger than CMS_MAX_UPLOAD_BYTES, as soon as it passes the limit;
- a `map` that is not {"part": ["variables.<path>"]}, the path being names and list
  indexes (`variables.items.0.productSpecification`); whether an Upload is declared there
  is checked before execution (uploads.py);
- `operations` that is not one JSON object with an object of variables.
"""

import re
from typing import Any

from python_multipart.multipart import MultipartParser, parse_options_header

from cost_model_service.errors import shorten
from cost_model_service.graphql import json_limits

MAP_PATH = re.compile(r"variables(\.[_A-Za-z][_0-9A-Za-z]*)(\.([_A-Za-z][_0-9A-Za-z]*|\d{1,6}))*")
CAPTURED_FIELDS = {"operations", "map"}
MAX_CAPTURE = json_limits.MAX_JSON_BYTES  # starlette's own limit for a non-file part


class MultipartRefused(Exception):
    def __init__(self, message: str, code: str, max_items: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        # Too many files: a batch client splits by this, as for analyzeArticles' own
        # "at most N items" (extensions.maxItems); each item carries up to two files.
        self.max_items = max_items


def too_many_files(max_files: int) -> MultipartRefused:
    return MultipartRefused(
        f"at most {max_files} files per request", "BAD_USER_INPUT", max(1, max_files // 2)
    )


class MultipartWatcher:
    def __init__(self, boundary: bytes, max_files: int, max_file_bytes: int | None = None) -> None:
        self.max_files = max_files
        self.max_file_bytes = max_file_bytes
        self.files = 0
        self._file_bytes = 0
        self.fields: dict[str, bytearray] = {}
        self._header_field = bytearray()
        self._header_value = bytearray()
        self._part_name: str | None = None
        self._is_file = False
        self._capturing: bytearray | None = None
        self._mapped: set[str] | None = None
        # Malformed multipart is starlette's to refuse; the watcher then just stops.
        self._broken = False
        self._parser = MultipartParser(
            boundary,
            callbacks={
                "on_part_begin": self._part_begin,
                "on_header_field": lambda d, s, e: self._header_field.extend(d[s:e]),
                "on_header_value": lambda d, s, e: self._header_value.extend(d[s:e]),
                "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished,
                "on_part_data": self._part_data,
                "on_part_end": self._part_end,
            },
        )

    def feed(self, chunk: bytes) -> None:
        if self._broken or not chunk:
            return
        try:
            self._parser.write(chunk)
        except MultipartRefused:
            raise
        except Exception:  # any parse failure: starlette reports it to the client
            self._broken = True

    def _part_begin(self) -> None:
        self._part_name = None
        self._is_file = False
        self._file_bytes = 0
        self._capturing = None

    def _header_end(self) -> None:
        if bytes(self._header_field).lower() == b"content-disposition":
            _, options = parse_options_header(bytes(self._header_value))
            self._part_name = options.get(b"name", b"").decode("latin-1")
            self._is_file = b"filename" in options
        self._header_field.clear()
        self._header_value.clear()

    def _headers_finished(self) -> None:
        if self._is_file:
            self.files += 1
            if self.files > self.max_files:
                raise too_many_files(self.max_files)
            if self._mapped is not None and self._part_name not in self._mapped:
                # It would be spooled and dropped: a client's mistake to point out.
                raise MultipartRefused(
                    f"file part {shorten(self._part_name or '', 60)!r} is not in 'map'",
                    "BAD_REQUEST",
                )
        elif self._part_name in CAPTURED_FIELDS:
            self._capturing = self.fields.setdefault(self._part_name, bytearray())

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._is_file and self.max_file_bytes is not None:
            self._file_bytes += end - start
            if self._file_bytes > self.max_file_bytes:
                raise MultipartRefused(
                    f"a file is larger than the limit of {self.max_file_bytes} bytes",
                    "PAYLOAD_TOO_LARGE",
                )
        if self._capturing is not None and len(self._capturing) <= MAX_CAPTURE:
            self._capturing.extend(data[start:end])

    def _part_end(self) -> None:
        if self._capturing is not None and CAPTURED_FIELDS <= self.fields.keys():
            if all(len(value) <= MAX_CAPTURE for value in self.fields.values()):
                self._mapped = check_operations_and_map(
                    bytes(self.fields["operations"]), bytes(self.fields["map"]), self.max_files
                )
        self._capturing = None


def _json(raw: bytes, what: str) -> Any:
    try:
        return json_limits.loads(raw)
    except json_limits.JSONRefused as refused:
        raise MultipartRefused(f"'{what}' is refused: {refused.msg}", "BAD_REQUEST") from None
    except ValueError:
        raise MultipartRefused(f"'{what}' is not valid JSON", "BAD_REQUEST") from None


def check_operations_and_map(operations_raw: bytes, map_raw: bytes, max_files: int) -> set[str]:
    """The names of the file parts `map` places (each checked to lead into the variables)."""
    files_map = _json(map_raw, "map")
    paths = files_map.values() if isinstance(files_map, dict) else None
    if paths is None or not all(
        isinstance(p, list) and all(isinstance(x, str) and MAP_PATH.fullmatch(x) for x in p)
        for p in paths
    ):
        raise MultipartRefused(
            "'map' must map each file to a list of 'variables.<path>' paths", "BAD_REQUEST"
        )
    if len(files_map) > max_files:
        raise too_many_files(max_files)
    operations = _json(operations_raw, "operations")
    if not isinstance(operations, dict) or (
        files_map and not isinstance(operations.get("variables"), dict)
    ):
        raise MultipartRefused(
            "'operations' must be one operation with a 'variables' object", "BAD_REQUEST"
        )
    for path in (p for paths in files_map.values() for p in paths):
        if not _reachable(operations, path.split(".")):
            raise MultipartRefused(
                f"'map' path {shorten(path, 80)} does not lead into the variables", "BAD_REQUEST"
            )
    return set(files_map)


def _reachable(operations: dict[str, Any], keys: list[str]) -> bool:
    """Whether strawberry can put a file at this path: objects and lists all the way down
    (a list by index, in range), so that it never indexes into a string or past an end."""
    node: Any = operations
    for position, key in enumerate(keys):
        last = position == len(keys) - 1
        if isinstance(node, dict):
            if last:
                return True
            if key not in node:
                return False
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            if last:
                return True
            node = node[int(key)]
        else:
            return False
    return False
