"""One Redis pub/sub connection per API process, fanned out in-process to subscribers.

Subscribers get a queue of raw payloads (the bytes published on their channel, whatever
event type it carries: each stream validates its own, `events/stream.py`) and `RESYNC`
markers. A marker means events may have been lost (the Redis connection dropped and came
back): the subscriber re-reads its state from PostgreSQL, which always holds the truth
(through the process's watch, `events/watch.py`, which also puts what it read, as `Fresh`,
in the same queue).
"""

import asyncio
import contextlib
import logging
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final, Protocol, TypeVar

from redis.asyncio import Redis
from redis.asyncio.client import PubSub

from cost_model_service.config import Settings
from cost_model_service.events.inbox import Inbox
from cost_model_service.observability import metrics

log = logging.getLogger(__name__)


class Resync(Enum):
    """A marker of its own type: no payload can be mistaken for it."""

    RESYNC = "resync"


RESYNC: Final = Resync.RESYNC


@dataclass(frozen=True, slots=True)
class Fresh:
    """A state read from PostgreSQL by a watch (events/watch.py), already validated."""

    event: Any


Item = bytes | Resync | Fresh


class Stoppable(Protocol):
    async def stop(self) -> None: ...


S = TypeVar("S", bound=Stoppable)


class EventBroadcaster:
    def __init__(
        self,
        redis: Redis,
        *,
        ping_interval: float = 5.0,
        dead_after: float = 15.0,
        confirm_timeout: float = 2.0,
        quiet_resync: float = 30.0,
    ) -> None:
        self._redis = redis
        self._ping_interval = ping_interval
        # No answer (not even to our PINGs) for this long: the connection is half-open.
        self._dead_after = dead_after
        self._confirm_timeout = confirm_timeout
        # Read by the streams' watches: re-read PostgreSQL this often.
        self.quiet_resync = quiet_resync
        self._shared: dict[str, Stoppable] = {}
        self._queues: dict[str, set[Inbox[Item]]] = defaultdict(set)
        self._confirmed: dict[str, asyncio.Event] = {}
        self._pubsub: PubSub | None = None
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()

    @classmethod
    def from_settings(cls, redis: Redis, settings: Settings) -> "EventBroadcaster":
        return cls(
            redis,
            ping_interval=settings.events_ping_interval_seconds,
            dead_after=settings.events_dead_after_seconds,
            quiet_resync=settings.events_quiet_resync_seconds,
        )

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="event-broadcaster")

    def shared(self, name: str, make: Callable[[], S]) -> S:
        """The process's one `name` (a watch), made on first use, stopped with us."""
        if name not in self._shared:
            self._shared[name] = make()
        return self._shared[name]  # type: ignore[return-value]

    async def stop(self) -> None:
        for helper in self._shared.values():
            await helper.stop()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._close_pubsub()

    def subscriber_count(self) -> int:
        return sum(len(queues) for queues in self._queues.values())

    def channel_count(self) -> int:
        return len(self._queues)

    @contextlib.asynccontextmanager
    async def listen(self, channel: str) -> AsyncIterator[Inbox[Item]]:
        """Register for a channel; returns once Redis confirmed the subscription (or after
        a short timeout while Redis is away: the RESYNC after reconnecting covers that)."""
        inbox = await self.join(channel)
        try:
            yield inbox
        finally:
            await self.leave(channel, inbox)

    async def join(self, channel: str) -> Inbox[Item]:
        """`listen` without the context manager, for a stream that holds it for hours
        (one generator frame less per subscriber): `leave` must follow."""
        inbox: Inbox[Item] = Inbox()
        first = channel not in self._queues
        self._queues[channel].add(inbox)
        if first:
            self._confirmed[channel] = asyncio.Event()
            await self._send("subscribe", channel)
        try:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._confirm_timeout):
                    await self._confirmed[channel].wait()
        except BaseException:
            await self.leave(channel, inbox)
            raise
        return inbox

    async def leave(self, channel: str, inbox: Inbox[Item]) -> None:
        queues = self._queues.get(channel)
        if queues is None:
            return
        queues.discard(inbox)
        if not queues:
            del self._queues[channel]
            self._confirmed.pop(channel, None)
            await self._send("unsubscribe", channel)

    async def _send(self, command: str, channel: str) -> None:
        pubsub = self._pubsub
        if pubsub is None or not self.connected.is_set():
            return  # the reconnect subscribes to every channel in self._queues
        try:
            await getattr(pubsub, command)(channel)
        except Exception:
            log.warning("pub/sub %s %s failed; resubscribing on reconnect", command, channel)

    async def _run(self) -> None:
        backoff = 0.2
        while True:
            try:
                await self._serve()
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning("pub/sub connection lost (%r); reconnecting in %.1fs", error, backoff)
            if self.connected.is_set():
                backoff = 0.2  # it was up: the next outage starts the backoff afresh
            self.connected.clear()
            await self._close_pubsub()
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 5.0)

    async def _serve(self) -> None:
        pubsub = self._redis.pubsub()
        self._pubsub = pubsub
        channels = list(self._queues)
        # Connecting reads Redis's answer to the handshake (CLIENT SETINFO) without a
        # timeout: towards a half-open peer that would wait for ever.
        async with asyncio.timeout(self._dead_after):
            await pubsub.connect()  # type: ignore[no-untyped-call]  # redis-py: unannotated
            for channel in channels:
                self._confirmed.setdefault(channel, asyncio.Event()).clear()
            if channels:
                await pubsub.subscribe(*channels)
        self.connected.set()
        # Channels added while we were subscribing saw "not connected" and left it to us.
        if added := set(self._queues) - set(channels):
            await pubsub.subscribe(*added)
        # Anything published while we were away is lost: every subscriber re-reads.
        self._broadcast_resync()
        last_seen = last_ping = time.monotonic()
        while True:
            now = time.monotonic()
            if now - last_ping >= self._ping_interval:
                await pubsub.ping()
                last_ping = now
            message = await pubsub.get_message(timeout=min(1.0, self._ping_interval))
            if message is not None:
                last_seen = time.monotonic()
                self._dispatch(message)
            elif time.monotonic() - last_seen > self._dead_after:
                raise ConnectionError(f"no answer from Redis for {self._dead_after:.0f}s")

    def _dispatch(self, message: dict[str, object]) -> None:
        kind = message["type"]
        channel = _text(message.get("channel"))
        if kind == "subscribe" and channel in self._confirmed:
            self._confirmed[channel].set()
        elif kind == "message":
            data = message["data"]
            payload = data if isinstance(data, bytes) else str(data).encode()
            queues = self._queues.get(channel, ())
            for queue in queues:
                queue.put_nowait(payload)
            metrics.events_delivered(len(queues))

    def _broadcast_resync(self) -> None:
        for queues in self._queues.values():
            for queue in queues:
                queue.put_nowait(RESYNC)

    async def _close_pubsub(self) -> None:
        pubsub, self._pubsub = self._pubsub, None
        if pubsub is not None:
            with contextlib.suppress(Exception):
                await pubsub.aclose()  # type: ignore[no-untyped-call]  # redis-py: unannotated


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
