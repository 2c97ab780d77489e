"""Publishing events on Redis pub/sub, always after the change they announce was committed.

Any event type goes out the same way: a pydantic model as JSON on its channel (named in
`redis_keys.py`); the streams that follow the channel validate it with that model.
"""

import logging
from collections.abc import Sequence
from typing import Protocol

from pydantic import BaseModel
from redis.asyncio import Redis
from redis.exceptions import RedisError

from cost_model_service.observability import metrics

log = logging.getLogger(__name__)


class Publisher(Protocol):
    async def publish(self, channel: str, event: BaseModel) -> None: ...

    async def publish_many(self, messages: Sequence[tuple[str, BaseModel]]) -> None:
        """In order."""


class RedisPublisher:
    """Best effort: PostgreSQL holds the truth, and subscribers re-read it after a
    reconnect, so a lost event delays a client but never misleads it."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def publish(self, channel: str, event: BaseModel) -> None:
        await self.publish_many([(channel, event)])

    async def publish_many(self, messages: Sequence[tuple[str, BaseModel]]) -> None:
        """In order, in one round trip (a pipeline: Redis runs them in order, each on its
        own)."""
        try:
            if len(messages) == 1:
                channel, event = messages[0]
                await self._redis.publish(channel, event.model_dump_json())
            elif messages:
                async with self._redis.pipeline(transaction=False) as pipe:
                    for channel, event in messages:
                        pipe.publish(channel, event.model_dump_json())
                    await pipe.execute()
        except (RedisError, OSError):
            for channel, event in messages:
                metrics.event_published(type(event).__name__, ok=False)
                log.warning("could not publish on %s: %s", channel, event, exc_info=True)
        else:
            for _, event in messages:
                metrics.event_published(type(event).__name__, ok=True)
