"""A numbered feed on real Redis pub/sub: register, then catch up from the truth after the
client's position (page by page), forward the next number live, fill a gap from the truth,
drop what is stale or malformed, and re-read after quiet time."""

import asyncio
from collections.abc import AsyncGenerator
from contextlib import aclosing

import pytest
from pydantic import BaseModel
from redis.asyncio import Redis

from cost_model_service.config import Settings
from cost_model_service.events.broadcaster import EventBroadcaster
from cost_model_service.events.feed import sequenced_stream
from cost_model_service.events.publisher import RedisPublisher
from tests.events.test_stream import broadcaster, redis

__all__ = ["broadcaster", "redis"]  # fixtures


class Fired(BaseModel):
    sequence: int


class Truth:
    """What PostgreSQL would hold: every event ever committed, and the reads made."""

    def __init__(self, last: int) -> None:
        self.events = [Fired(sequence=n) for n in range(1, last + 1)]
        self.reads: list[int] = []

    def commit(self) -> Fired:
        self.events.append(Fired(sequence=len(self.events) + 1))
        return self.events[-1]

    async def read_after(self, after: int) -> list[Fired]:
        self.reads.append(after)
        return [e for e in self.events if e.sequence > after][:2]  # pages of two

    def stream(
        self, broadcaster: EventBroadcaster, channel: str, *, start: int
    ) -> AsyncGenerator[Fired, None]:
        """The feed a client gets that last saw `start`, read from this truth."""

        async def position() -> int:
            return start

        return sequenced_stream(
            broadcaster,
            channel,
            Fired.model_validate_json,
            position,
            self.read_after,
            page=2,
            label="feed",
        )


@pytest.fixture
def channel(settings: Settings) -> str:
    return f"{settings.redis_prefix}:feed"


async def test_catch_up_then_live_then_a_gap_filled_from_the_truth(
    broadcaster: EventBroadcaster, redis: Redis, channel: str
) -> None:
    truth = Truth(last=5)
    publisher = RedisPublisher(redis)
    stream = truth.stream(broadcaster, channel, start=2)  # the client saw 1 and 2
    async with aclosing(stream):
        assert [(await anext(stream)).sequence for _ in range(3)] == [3, 4, 5]
        assert truth.reads == [2, 4]  # paged: a short page ends the catch-up
        await publisher.publish(channel, truth.commit())  # 6: the next one, forwarded
        assert (await anext(stream)).sequence == 6
        seven, eight = truth.commit(), truth.commit()
        await publisher.publish(channel, eight)  # 8 before 7: a gap, read from the truth
        assert [(await anext(stream)).sequence for _ in range(2)] == [7, 8]
        await publisher.publish(channel, seven)  # late: stale
        await publisher.publish(channel, eight)  # duplicate
        await redis.publish(channel, b"{not json")  # malformed
        await publisher.publish(channel, truth.commit())
        assert (await anext(stream)).sequence == 9
    assert broadcaster.subscriber_count() == 0


async def test_quiet_time_re_reads_the_truth(broadcaster: EventBroadcaster, channel: str) -> None:
    truth = Truth(last=0)
    stream = truth.stream(broadcaster, channel, start=0)
    async with aclosing(stream):
        reading = asyncio.ensure_future(anext(stream))
        async with asyncio.timeout(10):
            while not truth.reads:  # the first catch-up found nothing
                await asyncio.sleep(0.01)
            truth.commit()  # committed, its message lost: the quiet-time re-read finds it
            assert (await reading).sequence == 1
    assert len(truth.reads) >= 2
