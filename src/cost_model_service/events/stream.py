"""Following a channel: the current state, then every newer one, to the end.

`versioned_stream` serves anything with a version and a terminal state (an article's
status; see `articles/status.py`):

1. register with the broadcaster (which waits for Redis to confirm the SUBSCRIBE) before
   reading: a change committed after the read is then already on its way to us, and one
   committed before it is covered by the read;
2. read the current state from PostgreSQL and send it;
3. forward every event whose version is above the last one sent, validated with the
   stream's own event type (a malformed payload is logged and dropped);
4. on a RESYNC marker, read PostgreSQL again (an outage there keeps the subscription and
   reads again shortly). With a `watch` (events/watch.py: one batched read per process for
   all subscribers, every `quiet_resync` and on a RESYNC) that read costs the database the
   same however many subscribe, and a subscriber waits on its inbox alone, no timer; a
   stream without one re-reads on its own after `quiet_resync` without events;
5. end after a terminal state.

A pool wait past its timeout is back-pressure (outages.py): the first read waits and tries
again rather than ending the subscription.

Streams of another shape (say, counts over many articles) build on `next_event`, which is
steps 3 and 4's raw material: the next validated event, or RESYNC.
"""

import asyncio
import functools
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable, Hashable
from typing import Any, Protocol, TypeVar, cast

from cost_model_service.events.broadcaster import RESYNC, EventBroadcaster, Fresh, Item, Resync
from cost_model_service.events.inbox import Inbox
from cost_model_service.events.watch import Watch
from cost_model_service.outages import is_back_pressure, is_outage

log = logging.getLogger(__name__)

OUTAGE_RETRY_SECONDS = 2.0
# The pool already made us wait its timeout: join its queue again soon.
BACK_PRESSURE_RETRY_SECONDS = 0.5


class Versioned(Protocol):
    @property
    def version(self) -> int: ...

    @property
    def is_terminal(self) -> bool: ...


T = TypeVar("T")
E = TypeVar("E", bound=Versioned)


@functools.lru_cache(maxsize=256)
def _parsed(parse: Callable[[bytes], Any], payload: bytes) -> Any:
    """One validation per published message and event type, however many local subscribers
    follow its channel: the broadcaster hands them all the same bytes. (A malformed payload
    raises, and raising is not cached.)"""
    return parse(payload)


class Source(Protocol):
    async def get(self) -> Item: ...


async def next_event(
    inbox: Source,
    parse: Callable[[bytes], T],
    quiet_resync: float | None,
    channel: str,
) -> T | Resync:
    """The next event on the channel, parsed; RESYNC after a marker or `quiet_resync`
    without events (a safety net for events lost in ways the broadcaster cannot notice;
    None: no timer, a watch covers that)."""
    while True:
        if quiet_resync is None:
            item = await inbox.get()
        else:
            try:
                async with asyncio.timeout(quiet_resync):  # no task per wait (wait_for's)
                    item = await inbox.get()
            except TimeoutError:
                return RESYNC
        if isinstance(item, Resync):
            return item
        if isinstance(item, Fresh):
            return cast(T, item.event)
        try:
            return cast(T, _parsed(parse, item))
        except ValueError:  # pydantic's ValidationError is one
            log.warning("ignoring a malformed event on %s", channel)


async def versioned_stream(
    broadcaster: EventBroadcaster,
    channel: str,
    parse: Callable[[bytes], E],
    read: Callable[[], Awaitable[E]],
    *,
    label: str,
    watch: "Watch[Any, E] | None" = None,
    key: Hashable = None,
    present: Callable[[E], Any] | None = None,
) -> AsyncGenerator[Any, None]:
    """`parse` validates a payload (e.g. `Event.model_validate_json`); `read` reads the
    current state from PostgreSQL (raising NOT_FOUND and the like on the first read ends
    the stream with that error); `label` names the subject in log lines; `watch` and the
    subject's `key` in it re-read for all subscribers of the process at once; `present`
    turns each state into what is yielded (the state itself without one).

    One generator per subscriber, held as long as it subscribes: no context managers
    around it (`join`/`add` and `leave`/`remove` in try/finally instead of `listen`,
    `follow` and an ExitStack: a generator frame and a deque each), and between events
    it keeps the last version sent, not the state."""
    inbox = await broadcaster.join(channel)
    follower = None
    try:
        if watch is not None:
            follower = watch.add(key, inbox)
        state = await _first_read(read, label)
        quiet = broadcaster.quiet_resync if watch is None else None
        while True:
            version, terminal = state.version, state.is_terminal
            if follower is not None:
                follower.version = version
            yield state if present is None else present(state)
            if terminal:
                return
            del state  # not held while waiting, maybe for hours
            state = await _next_newer(inbox, parse, quiet, channel, read, watch, label, version)
    finally:
        if follower is not None:
            assert watch is not None
            watch.remove(key, follower)
        await broadcaster.leave(channel, inbox)


async def _first_read(read: Callable[[], Awaitable[E]], label: str) -> E:
    while True:
        try:
            return await read()
        except Exception as error:
            if not is_back_pressure(error):
                raise
            log.warning("%s: waited too long for a database connection; trying again", label)
            await asyncio.sleep(BACK_PRESSURE_RETRY_SECONDS)


async def _next_newer(
    inbox: Inbox[Item],
    parse: Callable[[bytes], E],
    quiet: float | None,
    channel: str,
    read: Callable[[], Awaitable[E]],
    watch: "Watch[Any, E] | None",
    label: str,
    last: int,
) -> E:
    """The next state newer than version `last`, from an event or a re-read."""
    while True:
        item = await next_event(inbox, parse, quiet, channel)
        if isinstance(item, Resync):
            if watch is not None:
                await watch.refresh()  # what moved arrives in the inbox as Fresh
                continue
            try:
                item = await read()
            except Exception as error:
                if not is_outage(error):
                    raise
                # PostgreSQL is away: keep the subscription and read again shortly.
                log.warning("%s: re-read failed (%r); retrying", label, error)
                await asyncio.sleep(OUTAGE_RETRY_SECONDS)
                inbox.put_nowait(RESYNC)
                continue
        if item.version > last:
            return item
        # else stale or duplicate (e.g. an event we already read from the database)
