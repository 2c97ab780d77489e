"""A subscriber's inbox: what the broadcaster and the watch hand it, in order, for its one
reader.

asyncio.Queue would do, but each one carries three deques and an Event: ~2.5 KB a
subscriber (tracemalloc, 1,000 subscriptions), for an inbox that holds nothing most of
its life. This one is a list made on the first item and a future only while its reader
waits. Unbounded like the queue it replaces: what enters is bounded by the publishers
(a handful of status changes per article) and by the watch (one state per read).
"""

import asyncio
from typing import Generic, TypeVar

T = TypeVar("T")


class Inbox(Generic[T]):
    __slots__ = ("_items", "_waiter")

    def __init__(self) -> None:
        self._items: list[T] | None = None
        self._waiter: asyncio.Future[None] | None = None

    def put_nowait(self, item: T) -> None:
        if self._items is None:
            self._items = [item]
        else:
            self._items.append(item)
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def get_nowait(self) -> T:
        if not self._items:
            raise asyncio.QueueEmpty
        item = self._items.pop(0)
        if not self._items:
            self._items = None
        return item

    async def get(self) -> T:
        while not self._items:
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        return self.get_nowait()

    def empty(self) -> bool:
        return not self._items

    def qsize(self) -> int:
        return len(self._items or ())
