"""Following a batch: its counts now, then one event per article status change, ending
after the last article is COMPLETED or FAILED.

Built on the same pieces as one article's stream (events/stream.py): register with the
broadcaster before reading, PostgreSQL as the truth, versions to drop stale events, a
re-read on RESYNC. The workers publish every article's events on the batch's channel too
(articles/status.py); the counts are read once, at subscribe time, in one query, and then
kept here from the events: no query per event, however many articles and stages.
"""

import asyncio
import logging
import uuid
from collections import Counter
from collections.abc import AsyncGenerator
from dataclasses import dataclass

from cost_model_service.articles.models import ProcessingStatus
from cost_model_service.articles.status import StatusEvent
from cost_model_service.batches import service as batches
from cost_model_service.batches.models import AnalysisBatch
from cost_model_service.batches.service import BatchCounts, Known
from cost_model_service.db import SessionMaker
from cost_model_service.events.broadcaster import EventBroadcaster, Resync
from cost_model_service.events.stream import OUTAGE_RETRY_SECONDS, next_event
from cost_model_service.outages import is_outage
from cost_model_service.redis_keys import RedisKeys

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Progress:
    batch: AnalysisBatch
    counts: BatchCounts
    # The article whose change this event announces; None for the first event (and after
    # a re-read).
    article: StatusEvent | None = None


class _State:
    def __init__(self, batch: AnalysisBatch, known: dict[uuid.UUID, Known]) -> None:
        self.batch = batch
        self.known = known
        self.tally = Counter(entry.status for entry in known.values())

    @property
    def counts(self) -> BatchCounts:
        return BatchCounts.of(
            dict(self.tally), (entry.completed_at for entry in self.known.values())
        )

    def apply(self, event: StatusEvent) -> bool:
        """Whether the event is news (a newer version of one of the batch's articles)."""
        before = self.known.get(event.id)
        if before is None or event.version <= before.version:
            return False
        self.tally[before.status] -= 1
        self.tally[event.processing_status] += 1
        self.known[event.id] = Known(
            event.processing_status, event.version, event.processing_completed_at
        )
        return True

    @property
    def done(self) -> bool:
        return not (self.tally[ProcessingStatus.PENDING] or self.tally[ProcessingStatus.PROCESSING])


async def _read(sessionmaker: SessionMaker, batch_id: uuid.UUID, tenant_id: uuid.UUID) -> _State:
    async with sessionmaker() as session:
        batch = await batches.get_or_raise(session, batch_id, tenant_id)
        return _State(batch, await batches.statuses(session, batch_id))


async def progress_stream(
    sessionmaker: SessionMaker,
    broadcaster: EventBroadcaster,
    keys: RedisKeys,
    batch_id: uuid.UUID,
    tenant_id: uuid.UUID,
) -> AsyncGenerator[Progress, None]:
    """NOT_FOUND for another tenant's batch or a missing one; a finished batch answers its
    final counts once."""
    channel = keys.batch_progress(batch_id)
    async with broadcaster.listen(channel) as inbox:
        state = await _read(sessionmaker, batch_id, tenant_id)
        yield Progress(state.batch, state.counts)
        while not state.done:
            item = await next_event(
                inbox, StatusEvent.model_validate_json, broadcaster.quiet_resync, channel
            )
            if isinstance(item, Resync):
                try:
                    fresh = await _read(sessionmaker, batch_id, tenant_id)
                except Exception as error:
                    if not is_outage(error):
                        raise
                    log.warning("batch %s: re-read failed (%r); retrying", batch_id, error)
                    await asyncio.sleep(OUTAGE_RETRY_SECONDS)
                    inbox.put_nowait(item)
                    continue
                changed = fresh.known != state.known
                state = fresh
                if changed:
                    yield Progress(state.batch, state.counts)
                continue
            if state.apply(item):
                yield Progress(state.batch, state.counts, item)
