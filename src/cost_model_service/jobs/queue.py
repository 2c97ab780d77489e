"""The queue's Redis client, and enqueueing any job by name with an idempotent id.

Ids come from the job's name and a key the caller chooses (`RedisKeys.job_id`): the same
name and key enqueued twice is one job, so an enqueue may always be repeated safely.
"""

import logging
from typing import Any

from arq.connections import ArqRedis
from arq.constants import in_progress_key_prefix, job_key_prefix
from redis.asyncio import ConnectionPool
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from cost_model_service.config import Settings
from cost_model_service.errors import ServiceUnavailable
from cost_model_service.jobs.names import JobName
from cost_model_service.observability import tracing
from cost_model_service.outages import is_outage
from cost_model_service.redis_keys import RedisKeys

log = logging.getLogger(__name__)

# What a job's arguments may be: arq pickles them, and plain values survive any deploy.
JobArg = str | int | float | bool | None


class QueueUnavailable(ServiceUnavailable):
    """Redis could not take the job (it is down, unreachable or not answering): nothing
    was enqueued, and trying again later is the remedy."""

    def __init__(self) -> None:
        super().__init__("the job queue is unavailable: try again shortly")


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
    return ArqRedis(pool, default_queue_name=settings.redis_keys.queue)


async def create_queue_pool(settings: Settings) -> ArqRedis:
    """The API's queue client. Redis being away at start is not fatal: enqueueing answers
    SERVICE_UNAVAILABLE until it is back."""
    redis = create_redis(settings)
    try:
        await redis.ping()
    except (RedisError, OSError) as error:
        log.warning("Redis is not reachable yet (%s); enqueueing fails until it is", error)
    return redis


async def enqueue_job(
    queue: ArqRedis, keys: RedisKeys, job: JobName, *args: JobArg, key: str
) -> bool:
    """Enqueue `job(*args)` under the id for (`job`, `key`). Returns False when that job
    already exists (queued, running, or finished within arq's keep_result). Raises
    QueueUnavailable on a Redis outage; anything else is a bug and propagates as it is."""
    job_id = keys.job_id(job, key)
    # With tracing on, the job continues the enqueuer's trace (worker/policy.py).
    traced: dict[str, Any] = (
        {tracing.JOB_KWARG: carrier} if (carrier := tracing.job_carrier()) else {}
    )
    try:
        queued = await queue.enqueue_job(
            job, *args, _job_id=job_id, _queue_name=keys.queue, **traced
        )
    except Exception as error:
        if not is_outage(error):
            raise
        log.error("could not enqueue %s: the queue is unavailable", job_id, exc_info=True)
        raise QueueUnavailable from error
    return queued is not None


async def job_is_live(redis: ArqRedis, job_id: str) -> bool:
    """Whether arq still holds this job: queued or deferred for a retry (its job key) or
    running (its in-progress key). Neither means nobody will run it any more."""
    return bool(await redis.exists(job_key_prefix + job_id, in_progress_key_prefix + job_id))
