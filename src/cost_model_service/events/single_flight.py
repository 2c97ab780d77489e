"""One read for the subscribers of a subject that open together.

A thousand clients that subscribe to one article within a moment each read its status
(register, then read: events/stream.py), and each held its own copy of the same state
between events. Reads of the same key share one if it has not started yet: the read is
a task that starts on the event loop's next turn, so it starts after every subscriber
that joined it had registered, as the stream's order requires. A caller that goes away
does not cancel the read for the others.
"""

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class SingleFlight:
    def __init__(self) -> None:
        self._pending: dict[Hashable, asyncio.Future[Any]] = {}

    async def read(self, key: Hashable, read: Callable[[], Awaitable[T]]) -> T:
        pending = self._pending.get(key)
        if pending is None:
            pending = asyncio.ensure_future(self._start(key, read))
            self._pending[key] = pending
        result: T = await asyncio.shield(pending)
        return result

    async def _start(self, key: Hashable, read: Callable[[], Awaitable[T]]) -> T:
        del self._pending[key]  # started: later callers get a read of their own
        return await read()

    async def stop(self) -> None:
        for pending in list(self._pending.values()):
            pending.cancel()
        self._pending.clear()
