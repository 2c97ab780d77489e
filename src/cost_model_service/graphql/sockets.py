"""The process's open WebSockets, and the one task that closes those whose credentials
lapsed.

A WebSocket authenticates once, at connection_init, and may stay open for hours. Every
operation on it checks the credentials again (schema.py), but a subscription already
running would go on, and an idle socket would stay open. So one task per process (not
one per socket: their number is the clients') reads the distinct API keys of all open
sockets in one query every CMS_WS_CREDENTIALS_CHECK_SECONDS, also compares token expiry
times, and closes the sockets whose key was revoked or whose token expired with 4403.
An operation refused for its credentials wakes the task at once.
"""

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Protocol

from cost_model_service.articles.models import utcnow
from cost_model_service.auth.principal import Principal
from cost_model_service.auth.service import lapsed
from cost_model_service.db import SessionMaker
from cost_model_service.outages import is_outage

if TYPE_CHECKING:
    from cost_model_service.graphql.context import Context

log = logging.getLogger(__name__)


class Revocable(Protocol):
    context: "Context"

    async def revoke(self, reason: str) -> None: ...


def _reason(principal: Principal) -> str:
    if principal.key_hash is not None:
        return "the API key was revoked"
    return "the token expired"


class OpenSockets:
    def __init__(self, sessionmaker: SessionMaker, interval_seconds: float) -> None:
        self.sessionmaker = sessionmaker
        self.interval_seconds = interval_seconds
        self._sockets: set[Revocable] = set()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def __len__(self) -> int:
        return len(self._sockets)

    def add(self, socket: Revocable) -> None:
        self._sockets.add(socket)

    def discard(self, socket: Revocable) -> None:
        self._sockets.discard(socket)

    def check_soon(self) -> None:
        self._wake.set()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="websocket-credentials")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.interval_seconds):
                    await self._wake.wait()
            self._wake.clear()
            try:
                await self.check()
            except Exception as error:
                if not is_outage(error):
                    log.exception("checking the credentials of open WebSockets failed")
                else:  # PostgreSQL is down: sockets stay as they are until it is back
                    log.warning("cannot check WebSocket credentials: %r", error)

    async def check(self) -> int:
        """Closes the sockets whose credentials lapsed; returns how many."""
        principals = {socket.context.principal_or_none for socket in self._sockets} - {None}
        checkable = {p for p in principals if p and (p.key_hash or p.expires_at)}
        if not checkable:
            return 0
        async with self.sessionmaker() as session:
            gone = await lapsed(session, checkable, utcnow())
        closing = [s for s in self._sockets if s.context.principal_or_none in gone]
        for socket in closing:
            self._sockets.discard(socket)
            principal = socket.context.principal_or_none
            assert principal is not None
            with contextlib.suppress(Exception):  # the client may be gone already
                await socket.revoke(_reason(principal))
        if closing:
            log.info("closed %d WebSocket(s) whose credentials lapsed", len(closing))
        return len(closing)
