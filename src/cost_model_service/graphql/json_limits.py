"""Decoding the JSON clients send (HTTP bodies, a multipart request's `operations` and
`map`, WebSocket messages) within bounds.

Python's json module recurses once per nesting level, so a body nested 100,000 deep
raised RecursionError, answered as an HTTP 500; and a flat array of millions of numbers
costs seconds of the event loop and hundreds of MB. No GraphQL request needs either: the
schema takes no input objects, so a request is a few levels deep, and its one large
value (a description) is bounded far below MAX_JSON_BYTES.
"""

import json
from typing import Any

# As much as starlette accepts for a non-file part of a multipart request.
MAX_JSON_BYTES = 1024 * 1024
MAX_JSON_DEPTH = 32


class JSONRefused(json.JSONDecodeError):
    """A JSONDecodeError, so that strawberry's handling of malformed JSON (HTTP 400, a
    WebSocket closed with 4400) applies; `msg` says which bound was passed."""

    def __init__(self, msg: str) -> None:
        super().__init__(msg, "", 0)

    def __str__(self) -> str:
        return self.msg


def loads(data: str | bytes | bytearray) -> Any:
    if len(data) > MAX_JSON_BYTES:
        raise JSONRefused(f"JSON larger than {MAX_JSON_BYTES} bytes")
    try:
        value = json.loads(data)
    except RecursionError:
        raise JSONRefused(f"JSON nested more than {MAX_JSON_DEPTH} levels deep") from None
    if _deeper_than(value, MAX_JSON_DEPTH):
        raise JSONRefused(f"JSON nested more than {MAX_JSON_DEPTH} levels deep")
    return value


def _deeper_than(value: Any, limit: int) -> bool:
    """Without recursion: containers only, each with its depth."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
