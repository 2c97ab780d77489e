"""An article's status as a stream: the current state, then every newer one, to the end."""

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator

from cost_model_service.articles import service as articles
from cost_model_service.db import SessionMaker
from cost_model_service.events.broadcaster import RESYNC, EventBroadcaster
from cost_model_service.events.schemas import StatusEvent
from cost_model_service.outages import is_outage

log = logging.getLogger(__name__)

OUTAGE_RETRY_SECONDS = 2.0


async def read_status(
    sessionmaker: SessionMaker, article_id: uuid.UUID, tenant_id: uuid.UUID
) -> StatusEvent:
    async with sessionmaker() as session:
        article = await articles.get_or_raise(session, article_id, tenant_id)
        return StatusEvent.from_article(article)


async def status_stream(
    sessionmaker: SessionMaker,
    broadcaster: EventBroadcaster,
    channel: str,
    article_id: uuid.UUID,
    tenant_id: uuid.UUID,
) -> AsyncIterator[StatusEvent]:
    # Register first, read second: an event committed after the read is then already on
    # its way to our queue, and one committed before it is covered by the read.
    async with broadcaster.listen(channel) as queue:
        current = await read_status(sessionmaker, article_id, tenant_id)
        yield current
        last = current
        while not last.is_terminal:
            try:
                # No event for this long (CMS_EVENTS_QUIET_RESYNC_SECONDS): re-read anyway, a
                # safety net for events lost in ways the broadcaster cannot notice.
                item = await asyncio.wait_for(queue.get(), broadcaster.quiet_resync)
            except TimeoutError:
                item = RESYNC
            if item == RESYNC:
                try:
                    item = await read_status(sessionmaker, article_id, tenant_id)
                except Exception as error:
                    if not is_outage(error):
                        raise
                    # PostgreSQL is away: keep the subscription and read again shortly.
                    log.warning("article %s: status re-read failed (%r); retrying", article_id,
                                error)
                    await asyncio.sleep(OUTAGE_RETRY_SECONDS)
                    queue.put_nowait(RESYNC)
                    continue
            event = item
            assert isinstance(event, StatusEvent)
            if event.version <= last.version:
                continue  # stale or duplicate (e.g. an event we already read from the database)
            yield event
            last = event
