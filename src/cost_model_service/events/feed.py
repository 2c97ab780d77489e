"""Following a feed: numbered events (1, 2, 3, ... per channel, in commit order) that never
end, as opposed to `stream.py`'s one state that changes until it is terminal (a tenant's
fired price alerts; see `price_alerts/feed.py`).

1. register with the broadcaster before reading, as `versioned_stream` does: an event
   committed after the read is then already on its way to us;
2. find the position (the client's, or the newest number now) and send what PostgreSQL
   holds after it;
3. forward each event numbered last + 1; one numbered higher means some were missed (a
   lost message, or two publishers racing after their commits): read PostgreSQL after
   `last`, which holds them all, then go on;
4. on a RESYNC marker, or after `quiet_resync` without events, read PostgreSQL after
   `last` (an outage there keeps the subscription and reads again shortly).
"""

import asyncio
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Protocol, TypeVar

from cost_model_service.events.broadcaster import RESYNC, EventBroadcaster, Resync
from cost_model_service.events.stream import OUTAGE_RETRY_SECONDS, next_event
from cost_model_service.outages import is_outage

log = logging.getLogger(__name__)


class Numbered(Protocol):
    @property
    def sequence(self) -> int: ...


N = TypeVar("N", bound=Numbered)


async def sequenced_stream(
    broadcaster: EventBroadcaster,
    channel: str,
    parse: Callable[[bytes], N],
    start: Callable[[], Awaitable[int]],
    read_after: Callable[[int], Awaitable[list[N]]],
    *,
    page: int,
    label: str,
) -> AsyncGenerator[N, None]:
    """`parse` validates a payload (raising ValueError drops it); `start` gives the
    position to follow from; `read_after(n)` reads up to `page` events numbered above n
    from PostgreSQL, oldest first; `label` names the feed in log lines."""
    async with broadcaster.listen(channel) as inbox:
        last = await start()
        async for event in _catch_up(read_after, last, page):
            yield event
            last = event.sequence
        while True:
            item = await next_event(inbox, parse, broadcaster.quiet_resync, channel)
            if isinstance(item, Resync) or item.sequence > last + 1:
                try:
                    async for event in _catch_up(read_after, last, page):
                        yield event
                        last = event.sequence
                except Exception as error:
                    if not is_outage(error):
                        raise
                    log.warning("%s: re-read failed (%r); retrying", label, error)
                    await asyncio.sleep(OUTAGE_RETRY_SECONDS)
                    inbox.put_nowait(RESYNC)
                    continue
            if isinstance(item, Resync) or item.sequence <= last:
                continue  # read from the database already, or a duplicate
            yield item  # newer than PostgreSQL showed us: it was committed meanwhile
            last = item.sequence


async def _catch_up(
    read_after: Callable[[int], Awaitable[list[N]]], last: int, page: int
) -> AsyncGenerator[N, None]:
    while True:
        events = await read_after(last)
        for event in events:
            yield event
            last = event.sequence
        if len(events) < page:
            return
