"""Following a channel: the current state, then every newer one, to the end.

`versioned_stream` serves anything with a version and a terminal state (an article's
status; see `articles/status.py`):

1. register with the broadcaster (which waits for Redis to confirm the SUBSCRIBE) before
   reading: a change committed after the read is then already on its way to us, and one
   committed before it is covered by the read;
2. read the current state from PostgreSQL and send it;
3. forward every event whose version is above the last one sent, validated with the
   stream's own event type (a malformed payload is logged and dropped);
4. on a RESYNC marker, or after `quiet_resync` without events, read PostgreSQL again (an
   outage there keeps the subscription and reads again shortly);
5. end after a terminal state.

Streams of another shape (say, counts over many articles) build on `next_event`, which is
steps 3 and 4's raw material: the next validated event, or RESYNC.
"""

import asyncio
import functools
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Any, Protocol, TypeVar, cast

from cost_model_service.events.broadcaster import RESYNC, EventBroadcaster, Item, Resync
from cost_model_service.outages import is_outage

log = logging.getLogger(__name__)

OUTAGE_RETRY_SECONDS = 2.0


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


async def next_event(
    inbox: "asyncio.Queue[Item]", parse: Callable[[bytes], T], quiet_resync: float, channel: str
) -> T | Resync:
    """The next event on the channel, parsed; RESYNC after a marker or `quiet_resync`
    without events (a safety net for events lost in ways the broadcaster cannot notice)."""
    while True:
        try:
            item = await asyncio.wait_for(inbox.get(), quiet_resync)
        except TimeoutError:
            return RESYNC
        if isinstance(item, Resync):
            return item
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
) -> AsyncGenerator[E, None]:
    """`parse` validates a payload (e.g. `Event.model_validate_json`); `read` reads the
    current state from PostgreSQL (raising NOT_FOUND and the like on the first read ends
    the stream with that error); `label` names the subject in log lines."""
    async with broadcaster.listen(channel) as inbox:
        last = await read()
        yield last
        while not last.is_terminal:
            item = await next_event(inbox, parse, broadcaster.quiet_resync, channel)
            if isinstance(item, Resync):
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
            if item.version <= last.version:
                continue  # stale or duplicate (e.g. an event we already read from the database)
            yield item
            last = item
