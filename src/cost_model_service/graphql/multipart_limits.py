"""Checks on a GraphQL multipart request (the upload spec) while its body streams in.

starlette spools every file part to disk before strawberry sees the request, and
strawberry then applies `map` to `operations` trusting both shapes (a map path through a
string, or a list of operations, ends in a TypeError and a 500). So the HTTP guard feeds
the body through this watcher, which uses the parser starlette itself uses, and refuses:

- more file parts than the schema can take (analyzeArticle has two Upload arguments),
  before the extra ones are spooled anywhere;
- a `map` that is not {"part": ["variables.<name>"]}: uploads can only stand for
  top-level variables (the schema has no Upload inside lists or input objects);
- `operations` that is not one JSON object with an object of variables.
"""

import re
from typing import Any

from python_multipart.multipart import MultipartParser, parse_options_header

from cost_model_service.graphql import json_limits

MAP_PATH = re.compile(r"variables\.[_A-Za-z][_0-9A-Za-z]*")
CAPTURED_FIELDS = {"operations", "map"}
MAX_CAPTURE = json_limits.MAX_JSON_BYTES  # starlette's own limit for a non-file part


class MultipartRefused(Exception):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class MultipartWatcher:
    def __init__(self, boundary: bytes, max_files: int) -> None:
        self.max_files = max_files
        self.files = 0
        self.fields: dict[str, bytearray] = {}
        self._header_field = bytearray()
        self._header_value = bytearray()
        self._part_name: str | None = None
        self._is_file = False
        self._capturing: bytearray | None = None
        # Malformed multipart is starlette's to refuse; the watcher then just stops.
        self._broken = False
        self._parser = MultipartParser(boundary, callbacks={
            "on_part_begin": self._part_begin,
            "on_header_field": lambda d, s, e: self._header_field.extend(d[s:e]),
            "on_header_value": lambda d, s, e: self._header_value.extend(d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
        })

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
                raise MultipartRefused(
                    f"at most {self.max_files} files per request", "BAD_USER_INPUT")
        elif self._part_name in CAPTURED_FIELDS:
            self._capturing = self.fields.setdefault(self._part_name, bytearray())

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._capturing is not None and len(self._capturing) <= MAX_CAPTURE:
            self._capturing.extend(data[start:end])

    def _part_end(self) -> None:
        if self._capturing is not None and CAPTURED_FIELDS <= self.fields.keys():
            if all(len(value) <= MAX_CAPTURE for value in self.fields.values()):
                check_operations_and_map(bytes(self.fields["operations"]),
                                         bytes(self.fields["map"]), self.max_files)
        self._capturing = None


def _json(raw: bytes, what: str) -> Any:
    try:
        return json_limits.loads(raw)
    except json_limits.JSONRefused as refused:
        raise MultipartRefused(f"'{what}' is refused: {refused.msg}", "BAD_REQUEST") from None
    except ValueError:
        raise MultipartRefused(f"'{what}' is not valid JSON", "BAD_REQUEST") from None


def check_operations_and_map(operations_raw: bytes, map_raw: bytes, max_files: int) -> None:
    files_map = _json(map_raw, "map")
    paths = files_map.values() if isinstance(files_map, dict) else None
    if paths is None or not all(
        isinstance(p, list) and all(isinstance(x, str) and MAP_PATH.fullmatch(x) for x in p)
        for p in paths
    ):
        raise MultipartRefused(
            "'map' must map each file to a list of 'variables.<name>' paths", "BAD_REQUEST")
    if len(files_map) > max_files:
        raise MultipartRefused(f"at most {max_files} files per request", "BAD_USER_INPUT")
    operations = _json(operations_raw, "operations")
    if not isinstance(operations, dict) or (
        files_map and not isinstance(operations.get("variables"), dict)
    ):
        raise MultipartRefused(
            "'operations' must be one operation with a 'variables' object", "BAD_REQUEST")
