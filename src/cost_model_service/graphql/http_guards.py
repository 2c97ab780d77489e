"""ASGI guards in front of the GraphQL endpoint, answering in GraphQL's error shape.

- CSRF: strawberry has no guard of its own. As Apollo Server does, a POST with a
  "simple" content type (one a browser form can send without a preflight) must carry a
  non-empty Apollo-Require-Preflight or X-Apollo-Operation-Name header.
- Body size: counted while the body streams in, so an oversized upload is refused
  before it is buffered, not after. A request that is not multipart carries no file, so
  it gets the JSON limit (json_limits.py), not the upload one.
- Multipart shape and file count: see multipart_limits.py.
"""

from typing import Any

from python_multipart.multipart import parse_options_header
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cost_model_service.errors import shorten
from cost_model_service.graphql.json_limits import MAX_JSON_BYTES
from cost_model_service.graphql.multipart_limits import MultipartRefused, MultipartWatcher

SIMPLE_CONTENT_TYPES = {"multipart/form-data", "application/x-www-form-urlencoded", "text/plain"}
PREFLIGHT_HEADERS = (b"apollo-require-preflight", b"x-apollo-operation-name")


class _TooLarge(Exception):
    pass


def graphql_error_response(status: int, message: str, code: str, **extensions: Any) -> JSONResponse:
    return JSONResponse(
        {"errors": [{"message": shorten(message), "extensions": {"code": code, **extensions}}]},
        status_code=status,
    )


async def _error(send: Send, status: int, message: str, code: str, **extensions: Any) -> None:
    response = graphql_error_response(status, message, code, **extensions)
    await send({"type": "http.response.start", "status": status, "headers": response.raw_headers})
    await send({"type": "http.response.body", "body": response.body})


class GraphQLHTTPGuards:
    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        max_files: int,
        max_file_bytes: int | None = None,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_files = max_files
        self.max_file_bytes = max_file_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        content_type, options = parse_options_header(headers.get(b"content-type", b""))
        if content_type.decode("latin-1") in SIMPLE_CONTENT_TYPES and not any(
            headers.get(name, b"").strip() for name in PREFLIGHT_HEADERS
        ):
            await _error(
                send,
                400,
                "This operation has been blocked as a potential Cross-Site Request Forgery "
                "(CSRF). Send a non-empty 'Apollo-Require-Preflight' header.",
                "BAD_REQUEST",
            )
            return
        multipart = content_type == b"multipart/form-data"
        limit = self.max_body_bytes if multipart else MAX_JSON_BYTES
        declared = headers.get(b"content-length", b"0").strip() or b"0"
        if not declared.isdigit():
            await _error(send, 400, "the Content-Length header is not a number", "BAD_REQUEST")
            return
        if int(declared) > limit:
            await _error(send, 413, _too_large(limit), "PAYLOAD_TOO_LARGE")
            return
        boundary = options.get(b"boundary")
        watcher = (
            MultipartWatcher(boundary, self.max_files, self.max_file_bytes)
            if multipart and boundary
            else None
        )
        await self._counted(scope, receive, send, limit, watcher)

    async def _counted(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        limit: int,
        watcher: MultipartWatcher | None,
    ) -> None:
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            body = message.get("body", b"")
            received += len(body)
            if received > limit:
                raise _TooLarge
            if watcher is not None:
                watcher.feed(body)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _error(send, 413, _too_large(limit), "PAYLOAD_TOO_LARGE")
        except MultipartRefused as refused:
            if not started:
                status = 413 if refused.code == "PAYLOAD_TOO_LARGE" else 400
                extensions = {} if refused.max_items is None else {"maxItems": refused.max_items}
                await _error(send, status, refused.message, refused.code, **extensions)
        except HTTPException as error:
            # starlette's form parser refuses some malformed bodies with its own plain-text
            # exception; clients expect GraphQL's shape, as for strawberry's refusals.
            if started:
                raise
            await _error(send, error.status_code, error.detail, "BAD_REQUEST")


def _too_large(limit: int) -> str:
    return f"the request body is larger than the limit of {limit} bytes"
