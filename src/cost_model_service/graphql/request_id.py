"""A request id for every HTTP request and WebSocket connection.

The client's `X-Request-ID` is kept when it is sane (a load balancer or the client may
already have logged it), otherwise one is made. It goes back on the response header and
into a contextvar (observability/context.py, so it is on every log line of the request),
so that a masked error can name it in `extensions.requestId` and the log line with the
traceback carries the same id: support can find the detail from what the client saw, and
the client never sees the detail.
"""

import logging
import re
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cost_model_service.graphql.http_guards import graphql_error_response
from cost_model_service.observability.context import REQUEST_ID as _current
from cost_model_service.observability.context import current_request_id

log = logging.getLogger(__name__)

HEADER = b"x-request-id"
# Printable, header- and log-safe, short: anything else could forge log lines or headers.
_SANE = re.compile(r"[A-Za-z0-9._:\-]{1,128}")

__all__ = ["RequestIdMiddleware", "current_request_id", "request_id_from"]


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    for name, value in headers:
        if name.lower() == HEADER:
            candidate = value.decode("latin-1").strip()
            if _SANE.fullmatch(candidate):
                return candidate
            break
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(scope.get("headers", []))
        token = _current.set(request_id)
        if scope["type"] == "websocket":  # no response headers to add: no send wrapper
            try:
                await self.app(scope, receive, send)
            except Exception:
                log.exception("unhandled error in request %s", request_id)
                raise
            finally:
                _current.reset(token)
            return
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != HEADER]
                message = {**message, "headers": [*headers, (HEADER, request_id.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            # Anything that escapes the app (a bug outside GraphQL execution) is answered
            # in GraphQL's error shape with the id, never with the exception's text.
            log.exception("unhandled error in request %s", request_id)
            if started:
                raise
            await _internal_error(send_with_id, request_id)
        finally:
            _current.reset(token)


async def _internal_error(send: Send, request_id: str) -> None:
    response = graphql_error_response(
        500, "Internal server error", "INTERNAL_SERVER_ERROR", requestId=request_id
    )
    await send({"type": "http.response.start", "status": 500, "headers": response.raw_headers})
    await send({"type": "http.response.body", "body": response.body})
