"""RedisPublisher on real Redis: several events in one round trip arrive in order."""

from pydantic import BaseModel
from redis.asyncio import Redis

from cost_model_service.config import Settings
from cost_model_service.events.publisher import RedisPublisher
from tests.events.test_stream import redis

__all__ = ["redis"]  # fixtures


class Note(BaseModel):
    n: int


async def test_many_events_arrive_in_order_on_their_channels(
    redis: Redis, settings: Settings
) -> None:
    first, second = f"{settings.redis_prefix}:one", f"{settings.redis_prefix}:two"
    async with redis.pubsub() as pubsub:
        await pubsub.subscribe(first, second)
        await RedisPublisher(redis).publish_many(
            [(first, Note(n=1)), (second, Note(n=2)), (first, Note(n=3))]
        )
        received = []
        while len(received) < 3:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=5)
            if message is not None:
                received.append(
                    (message["channel"].decode(), Note.model_validate_json(message["data"]))
                )
    assert received == [(first, Note(n=1)), (second, Note(n=2)), (first, Note(n=3))]
