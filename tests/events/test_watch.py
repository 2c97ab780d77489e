"""The watch: one batched read per process for every follower, on real Redis pub/sub.
Followers whose subject moved get the state read; the others are not woken; many asks share
one read; a failing read (an outage, a saturated pool) delays, and ends nothing."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import aclosing

import pytest
from pydantic import BaseModel
from redis.asyncio import Redis
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from cost_model_service.config import Settings
from cost_model_service.events.broadcaster import EventBroadcaster, Fresh
from cost_model_service.events.stream import versioned_stream
from cost_model_service.events.watch import Watch


class Tick(BaseModel):
    version: int
    done: bool = False

    @property
    def is_terminal(self) -> bool:
        return self.done


class Truth:
    """The database's part: each subject's current state, and how often it was read."""

    def __init__(self, **states: Tick) -> None:
        self.states = states
        self.reads: list[list[str]] = []
        self.failures: list[Exception] = []

    async def read(self, keys: Sequence[str]) -> dict[str, Tick]:
        self.reads.append(list(keys))
        if self.failures:
            raise self.failures.pop(0)
        return {key: self.states[key] for key in keys if key in self.states}


@pytest.fixture
async def broadcaster(settings: Settings) -> AsyncIterator[EventBroadcaster]:
    redis = Redis.from_url(settings.redis_url or "")
    broadcaster = EventBroadcaster(redis, quiet_resync=0.2)
    await broadcaster.start()
    async with asyncio.timeout(5):
        await broadcaster.connected.wait()
    yield broadcaster
    await broadcaster.stop()
    await redis.aclose()


async def test_one_read_serves_every_follower_and_wakes_only_the_moved(
    broadcaster: EventBroadcaster,
) -> None:
    truth = Truth(a=Tick(version=1), b=Tick(version=1))
    watch = broadcaster.shared("ticks", lambda: Watch(truth.read, 3600, "ticks"))
    inboxes = {key: [asyncio.Queue() for _ in range(200)] for key in ("a", "b")}
    with following(watch, inboxes):
        truth.states["a"] = Tick(version=2)  # an event on "a" was lost
        await asyncio.gather(*(watch.refresh() for _ in range(400)))  # RESYNC for everyone
    assert len(truth.reads) <= 2  # the asks share reads, whatever their number
    assert sorted(truth.reads[0]) == ["a", "b"]
    assert all(q.get_nowait() == Fresh(Tick(version=2)) for q in inboxes["a"])
    assert all(q.empty() for q in inboxes["b"])


@contextlib.contextmanager
def following(watch: Watch[str, Tick], inboxes: dict[str, list[asyncio.Queue]]) -> Iterator[None]:
    """Follows each key with its inboxes, every follower having sent version 1."""
    with contextlib.ExitStack() as stack:
        for key, queues in inboxes.items():
            for queue in queues:
                stack.enter_context(watch.follow(key, queue)).version = 1
        yield


async def test_a_lost_event_reaches_the_stream_through_the_periodic_read(
    broadcaster: EventBroadcaster, settings: Settings
) -> None:
    truth = Truth(t=Tick(version=1))
    watch = broadcaster.shared("ticks", lambda: Watch(truth.read, 0.2, "ticks", retry=0.05))
    first_reads = []

    async def read() -> Tick:
        first_reads.append(1)
        return truth.states["t"]

    stream = versioned_stream(
        broadcaster,
        f"{settings.redis_prefix}:t",
        Tick.model_validate_json,
        read,
        label="t",
        watch=watch,
        key="t",
    )
    async with aclosing(stream):
        assert (await anext(stream)).version == 1
        truth.failures = [PoolTimeoutError("pool exhausted"), ConnectionRefusedError()]
        truth.states["t"] = Tick(version=3, done=True)  # committed, never published
        async with asyncio.timeout(15):
            assert (await anext(stream)).version == 3
        with pytest.raises(StopAsyncIteration):
            await anext(stream)
    assert first_reads == [1]  # later states came from the batched reads alone
    assert watch.follower_count() == 0


async def test_a_saturated_pool_delays_the_first_read(
    broadcaster: EventBroadcaster, settings: Settings
) -> None:
    attempts = []

    async def read() -> Tick:
        attempts.append(1)
        if len(attempts) == 1:
            raise PoolTimeoutError("QueuePool limit reached, timed out")
        return Tick(version=1, done=True)

    stream = versioned_stream(
        broadcaster, f"{settings.redis_prefix}:p", Tick.model_validate_json, read, label="p"
    )
    async with asyncio.timeout(15):
        assert [tick.version async for tick in stream] == [1]
    assert len(attempts) == 2
