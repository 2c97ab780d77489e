"""ASGI guards in front of the GraphQL endpoint, answering in GraphQL's error shape.

- CSRF: strawberry has no guard of its own. As Apollo Server does, a POST with a
  "simple" content type (one a browser form can send without a preflight) must carry a
  non-empty Apollo-Require-Preflight or X-Apollo-Operation-Name header.
- Body size: counted while the body streams in, so an oversized upload is refused
  before it is buffered, not after.
"""

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SIMPLE_CONTENT_TYPES = {"multipart/form-data", "application/x-www-form-urlencoded", "text/plain"}
PREFLIGHT_HEADERS = (b"apollo-require-preflight", b"x-apollo-operation-name")


class _TooLarge(Exception):
    pass


def graphql_error_response(status: int, message: str, code: str) -> JSONResponse:
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]}, status_code=status
    )


async def _error(send: Send, status: int, message: str, code: str) -> None:
    response = graphql_error_response(status, message, code)
    await send({"type": "http.response.start", "status": status, "headers": response.raw_headers})
    await send({"type": "http.response.body", "body": response.body})


class GraphQLHTTPGuards:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        content_type = headers.get(b"content-type", b"").decode("latin-1").split(";")[0]
        if content_type.strip().lower() in SIMPLE_CONTENT_TYPES and not any(
            headers.get(name, b"").strip() for name in PREFLIGHT_HEADERS
        ):
            await _error(
                send, 400,
                "This operation has been blocked as a potential Cross-Site Request Forgery "
                "(CSRF). Send a non-empty 'Apollo-Require-Preflight' header.",
                "BAD_REQUEST",
            )
            return
        declared = int(headers.get(b"content-length", b"0") or 0)
        if declared > self.max_body_bytes:
            await _error(send, 413, self._too_large(), "PAYLOAD_TOO_LARGE")
            return
        await self._counted(scope, receive, send)

    async def _counted(self, scope: Scope, receive: Receive, send: Send) -> None:
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body_bytes:
                raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _error(send, 413, self._too_large(), "PAYLOAD_TOO_LARGE")

    def _too_large(self) -> str:
        return f"the request body is larger than the limit of {self.max_body_bytes} bytes"
