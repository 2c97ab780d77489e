"""The broadcaster carries any event type and the versioned stream follows one, on real Redis
pub/sub: register, then read, forward what is newer, drop what is malformed or stale,
re-read after quiet time, and end at a terminal state."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import aclosing

import pytest
from pydantic import BaseModel
from redis.asyncio import Redis

from cost_model_service.config import Settings
from cost_model_service.events.broadcaster import EventBroadcaster
from cost_model_service.events.publisher import RedisPublisher
from cost_model_service.events.stream import versioned_stream


class Tick(BaseModel):
    """A second event type, nothing like an article's status."""

    version: int
    done: bool = False

    @property
    def is_terminal(self) -> bool:
        return self.done


class Note(BaseModel):
    text: str


@pytest.fixture
async def broadcaster(settings: Settings) -> AsyncIterator[EventBroadcaster]:
    redis = Redis.from_url(settings.redis_url or "")
    broadcaster = EventBroadcaster(redis, quiet_resync=0.3)
    await broadcaster.start()
    async with asyncio.timeout(5):  # connected: no RESYNC after the test registers
        await broadcaster.connected.wait()
    yield broadcaster
    await broadcaster.stop()
    await redis.aclose()


@pytest.fixture
async def redis(settings: Settings) -> AsyncIterator[Redis]:
    client = Redis.from_url(settings.redis_url or "")
    yield client
    await client.aclose()


async def test_a_stream_reads_first_then_forwards_newer_events_to_the_terminal_one(
    broadcaster: EventBroadcaster, redis: Redis, settings: Settings
) -> None:
    channel = f"{settings.redis_prefix}:tick"
    truth = Tick(version=2)
    reads: list[int] = []

    async def read() -> Tick:
        reads.append(truth.version)
        return truth

    publisher = RedisPublisher(redis)
    async with aclosing(
        versioned_stream(broadcaster, channel, Tick.model_validate_json, read, label="tick")
    ) as stream:
        seen = [await anext(stream)]  # registered, then read: version 2
        for payload in (Tick(version=1), Tick(version=2)):  # stale, duplicate
            await publisher.publish(channel, payload)
        await redis.publish(channel, b"{not json")  # malformed: dropped
        await redis.publish(channel, Note(text="wrong type").model_dump_json())  # also
        await publisher.publish(channel, Tick(version=3))
        seen.append(await anext(stream))
        await publisher.publish(channel, Tick(version=4, done=True))
        seen.append(await anext(stream))
        with pytest.raises(StopAsyncIteration):
            await anext(stream)
    assert [t.version for t in seen] == [2, 3, 4]
    assert reads == [2]
    assert broadcaster.subscriber_count() == 0


async def test_quiet_time_re_reads_the_truth(
    broadcaster: EventBroadcaster, settings: Settings
) -> None:
    """An event lost where the broadcaster cannot notice: the next re-read finds the state."""
    states = iter([Tick(version=1), Tick(version=1), Tick(version=5, done=True)])

    async def read() -> Tick:
        return next(states)

    stream = versioned_stream(
        broadcaster, f"{settings.redis_prefix}:quiet", Tick.model_validate_json, read, label="quiet"
    )
    async with asyncio.timeout(5):
        versions = [tick.version async for tick in stream]
    assert versions == [1, 5]


async def test_one_connection_carries_channels_of_different_event_types(
    broadcaster: EventBroadcaster, redis: Redis, settings: Settings
) -> None:
    ticks, notes = f"{settings.redis_prefix}:ticks", f"{settings.redis_prefix}:notes"
    async with broadcaster.listen(ticks) as tick_inbox, broadcaster.listen(notes) as note_inbox:
        await RedisPublisher(redis).publish(ticks, Tick(version=7))
        await RedisPublisher(redis).publish(notes, Note(text="hello"))
        async with asyncio.timeout(5):
            tick, note = await tick_inbox.get(), await note_inbox.get()
    assert isinstance(tick, bytes) and Tick.model_validate_json(tick) == Tick(version=7)
    assert isinstance(note, bytes) and Note.model_validate_json(note) == Note(text="hello")
