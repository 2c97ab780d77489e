"""Publishing status events on Redis pub/sub, always after the transition was committed."""

import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError

from cost_model_service.articles.models import Article
from cost_model_service.config import Settings
from cost_model_service.events.schemas import StatusEvent

log = logging.getLogger(__name__)


async def publish_status(redis: Redis, settings: Settings, article: Article) -> None:
    """Best effort: PostgreSQL holds the truth, and subscribers re-read it after a
    reconnect, so a lost event delays a client but never misleads it."""
    event = StatusEvent.from_article(article)
    try:
        await redis.publish(settings.article_channel(article.id), event.model_dump_json())
    except (RedisError, OSError):
        log.warning("could not publish %s v%s", article.id, article.version, exc_info=True)
