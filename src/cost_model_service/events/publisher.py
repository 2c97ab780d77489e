"""Publishing events on Redis pub/sub, always after the change they announce was committed.

Any event type goes out the same way: a pydantic model as JSON on its channel (named in
`redis_keys.py`); the streams that follow the channel validate it with that model.
"""

import logging
from typing import Protocol

from pydantic import BaseModel
from redis.asyncio import Redis
from redis.exceptions import RedisError

from cost_model_service.observability import metrics

log = logging.getLogger(__name__)


class Publisher(Protocol):
    async def publish(self, channel: str, event: BaseModel) -> None: ...


class RedisPublisher:
    """Best effort: PostgreSQL holds the truth, and subscribers re-read it after a
    reconnect, so a lost event delays a client but never misleads it."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def publish(self, channel: str, event: BaseModel) -> None:
        try:
            await self._redis.publish(channel, event.model_dump_json())
        except (RedisError, OSError):
            metrics.event_published(type(event).__name__, ok=False)
            log.warning("could not publish on %s: %s", channel, event, exc_info=True)
        else:
            metrics.event_published(type(event).__name__, ok=True)
