"""One batched re-read of PostgreSQL per process for every followed subject.

Events can be lost in ways the broadcaster cannot notice, and are lost while Redis is away
(the broadcaster then sends RESYNC). Rather than each subscriber re-reading its subject
(N subscribers made N/interval reads a second, and a pool wait past its timeout ended
subscriptions), a watch reads the versions of all followed subjects in one query every
`interval`, and whenever a subscriber asks (`refresh`, after a RESYNC: the asks of all
subscribers share one read). Followers whose subject moved past the version they sent get
the state read, already validated (`Fresh`), in their inbox; the others are not woken.

The read must start after the follower registered with the broadcaster and the watch
(register, then read): `refresh` waits for a read that starts after it was called.
An outage (or a pool wait past its timeout: back-pressure) delays the read, never ends a
subscription.
"""

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Iterator, Mapping, Sequence
from typing import Generic, Protocol, TypeVar

from cost_model_service.events.broadcaster import Fresh, Item
from cost_model_service.outages import is_outage

log = logging.getLogger(__name__)


class HasVersion(Protocol):
    @property
    def version(self) -> int: ...


K = TypeVar("K", bound=Hashable)
E = TypeVar("E", bound=HasVersion)
# Reads the current state of the given subjects (those missing are not answered).
BatchRead = Callable[[Sequence[K]], Awaitable[Mapping[K, E]]]

# Subjects per query: bounds the statement's size, however many subjects are followed.
CHUNK = 5000
RETRY_SECONDS = 2.0


class Sink(Protocol):
    def put_nowait(self, item: Item) -> None: ...


class Follower:
    """One subscriber: its inbox and the version it has sent (None before its first read)."""

    __slots__ = ("inbox", "version")

    def __init__(self, inbox: Sink) -> None:
        self.inbox = inbox
        self.version: int | None = None


class Watch(Generic[K, E]):
    def __init__(
        self, read: BatchRead[K, E], interval: float, label: str, *, retry: float = RETRY_SECONDS
    ) -> None:
        self._read = read
        self._retry = retry
        self._interval = interval
        self._label = label
        self._followers: dict[K, set[Follower]] = defaultdict(set)
        self._asked = asyncio.Event()
        self._waiting: list[asyncio.Future[None]] = []
        self._task: asyncio.Task[None] | None = None
        self.reads = 0  # batched reads done (a figure for tests and benchmarks)

    def follower_count(self) -> int:
        return sum(len(followers) for followers in self._followers.values())

    @contextlib.contextmanager
    def follow(self, key: K, inbox: Sink) -> Iterator[Follower]:
        follower = self.add(key, inbox)
        try:
            yield follower
        finally:
            self.remove(key, follower)

    def add(self, key: K, inbox: Sink) -> Follower:
        """`follow` without the context manager (a stream holds it for hours: one generator
        frame less per subscriber); `remove` must follow."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"watch-{self._label}")
        follower = Follower(inbox)
        self._followers[key].add(follower)
        return follower

    def remove(self, key: K, follower: Follower) -> None:
        followers = self._followers.get(key)
        if followers is not None:
            followers.discard(follower)
            if not followers:
                del self._followers[key]

    async def refresh(self) -> None:
        """Returns after a read that started after this call delivered what moved."""
        done = asyncio.get_running_loop().create_future()
        self._waiting.append(done)
        self._asked.set()
        await done

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._interval):
                    await self._asked.wait()
            # Everyone who asked so far is served by this read; later askers by the next.
            self._asked.clear()
            waiting, self._waiting = self._waiting, []
            while True:
                try:
                    await self._check()
                    break
                except Exception as error:
                    if is_outage(error):
                        log.warning("%s: batched re-read failed (%r); retrying", self._label, error)
                    else:
                        log.exception("%s: batched re-read failed; retrying", self._label)
                    await asyncio.sleep(self._retry)
            for done in waiting:
                if not done.done():
                    done.set_result(None)

    async def _check(self) -> None:
        keys = list(self._followers)
        for start in range(0, len(keys), CHUNK):
            states = await self._read(keys[start : start + CHUNK])
            self.reads += 1
            for key, state in states.items():
                for follower in self._followers.get(key, ()):
                    if follower.version is not None and state.version > follower.version:
                        follower.inbox.put_nowait(Fresh(state))
