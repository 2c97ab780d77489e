"""Enqueueing analysis jobs. Job ids come from the article id and its attempt number:
enqueueing the same attempt twice runs it once; a deliberate re-run is a new attempt."""

import logging
import uuid

from arq.connections import ArqRedis
from arq.constants import in_progress_key_prefix, job_key_prefix
from redis.asyncio import ConnectionPool
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from cost_model_service.config import Settings

log = logging.getLogger(__name__)

ANALYZE_ARTICLE = "analyze_article"


def create_redis(settings: Settings) -> ArqRedis:
    """The queue's client, for the API and the worker. arq's own create_pool sets no read
    timeout, so a half-open connection would hang a command for ever: here every command
    fails after redis_socket_timeout_seconds. A connection Redis closed (a restart) is
    retried once, quietly, so that a restart costs no request when Redis is back."""
    if not settings.redis_url:
        raise RuntimeError("CMS_REDIS_URL is not set")
    timeout = settings.redis_socket_timeout_seconds
    pool = ConnectionPool.from_url(
        settings.redis_url,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        socket_keepalive=True,
        retry=Retry(ExponentialBackoff(cap=0.5, base=0.1), 1, (RedisConnectionError,)),
    )
    return ArqRedis(pool, default_queue_name=settings.queue_name)


async def create_queue_pool(settings: Settings) -> ArqRedis:
    """The API's queue client. Redis being away at start is not fatal: analyzeArticle
    answers SERVICE_UNAVAILABLE until it is back."""
    redis = create_redis(settings)
    try:
        await redis.ping()
    except (RedisError, OSError) as error:
        log.warning("Redis is not reachable yet (%s); enqueueing fails until it is", error)
    return redis


def analysis_job_id(settings: Settings, article_id: uuid.UUID, attempt: int) -> str:
    return f"{settings.redis_prefix}:analyze:{article_id}:{attempt}"


async def enqueue_analysis(
    pool: ArqRedis, settings: Settings, article_id: uuid.UUID, attempt: int
) -> None:
    await pool.enqueue_job(
        ANALYZE_ARTICLE,
        str(article_id),
        attempt,
        _job_id=analysis_job_id(settings, article_id, attempt),
        _queue_name=settings.queue_name,
    )


async def job_is_live(
    redis: ArqRedis, settings: Settings, article_id: uuid.UUID, attempt: int
) -> bool:
    """Whether arq still holds this attempt's job: queued or deferred for a retry (its job
    key) or running (its in-progress key). Neither means nobody will run it any more."""
    job_id = analysis_job_id(settings, article_id, attempt)
    return bool(await redis.exists(job_key_prefix + job_id, in_progress_key_prefix + job_id))
