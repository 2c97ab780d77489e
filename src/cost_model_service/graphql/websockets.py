"""strawberry's WebSocket protocol handlers, with what they leave to the application.

- Every message is checked for shape first. strawberry reads `message["type"]` and
  `payload["query"]` as given: a message that is a JSON array, or a `start` without a
  payload, raised TypeError/KeyError out of the handler (an internal error, the socket
  dropped with 1011). Malformed messages now close the socket with 4400, as
  graphql-transport-ws prescribes.
- The legacy graphql-ws socket gets the same connection_init timeout as
  graphql-transport-ws (strawberry's own, 4408): without one it stayed open for ever.
- Both register with the process's OpenSockets, which closes them (4403) when their
  credentials lapse; `revoke` stops their operations first.
- Close reasons are cut to the 123 bytes a close frame can carry (some quote the client).
"""

import asyncio
import contextlib
from collections.abc import Mapping
from typing import Any

from starlette.websockets import WebSocketState
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler

from cost_model_service.graphql.context import Context

MAX_CLOSE_REASON_BYTES = 123
_OPTIONAL = {"variables": dict, "operationName": str, "extensions": dict}


def close_reason(reason: str) -> str:
    return reason.encode()[:MAX_CLOSE_REASON_BYTES].decode("utf-8", "ignore")


def message_problem(message: Any, start: str) -> str | None:
    """What is wrong with a client message's shape, or None. `start` is the protocol's
    name for running an operation ("subscribe" or "start")."""
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        return "a message must be an object with a string 'type'"
    if message["type"] in (start, "complete", "stop") and not isinstance(message.get("id"), str):
        return f"a '{message['type']}' message needs a string 'id'"
    if message["type"] != start:
        return None
    payload = message.get("payload")
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
        return f"a '{start}' message needs a payload with a string 'query'"
    for key, kind in _OPTIONAL.items():
        if payload.get(key) is not None and not isinstance(payload[key], kind):
            return f"the payload's '{key}' must be {'a string' if kind is str else 'an object'}"
    return None


class Adapter(ASGIWebSocketAdapter):
    async def send_json(self, message: Mapping[str, object]) -> None:
        if self.ws.application_state == WebSocketState.DISCONNECTED:
            raise WebSocketDisconnected  # closed by us (a revoke) while a result was due
        await super().send_json(message)

    async def close(self, code: int, reason: str) -> None:
        if self.ws.application_state != WebSocketState.DISCONNECTED:
            await self.ws.close(code=code, reason=close_reason(reason))


class TransportWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    async def handle(self) -> None:
        sockets = self.context.services.sockets
        sockets.add(self)
        try:
            await super().handle()
        finally:
            sockets.discard(self)

    async def handle_message(self, message: Any) -> None:
        if problem := message_problem(message, "subscribe"):
            await self.handle_invalid_message(problem)
            return
        await super().handle_message(message)

    async def revoke(self, reason: str) -> None:
        for operation_id in list(self.operations):
            await self.cleanup_operation(operation_id)
        await self.websocket.close(4403, reason)


class LegacyWSHandler(BaseGraphQLWSHandler[Context, None]):
    _init_timer: asyncio.TimerHandle | None = None
    _timing_out: asyncio.Task[None] | None = None

    async def handle(self) -> None:
        sockets = self.context.services.sockets
        sockets.add(self)
        # A timer, not a task per socket, until connection_init arrives.
        self._init_timer = asyncio.get_running_loop().call_later(
            self.view.connection_init_wait_timeout.total_seconds(), self._init_timed_out
        )
        try:
            await super().handle()
        finally:
            self._init_timer.cancel()
            sockets.discard(self)

    def _init_timed_out(self) -> None:
        self._timing_out = asyncio.ensure_future(self._close_uninitialised())

    async def _close_uninitialised(self) -> None:
        with contextlib.suppress(Exception):  # the client may have gone meanwhile
            await self.websocket.close(4408, "Connection initialisation timeout")

    async def handle_message(self, message: Any) -> None:
        if problem := message_problem(message, "start"):
            await self.websocket.close(4400, problem)
            return
        if message["type"] == "connection_init" and self._init_timer is not None:
            self._init_timer.cancel()
        await super().handle_message(message)

    async def revoke(self, reason: str) -> None:
        await self.cleanup()
        await self.websocket.close(4403, reason)
