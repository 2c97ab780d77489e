"""Enqueueing analysis jobs. Job ids come from the article id and its attempt number:
enqueueing the same attempt twice runs it once; a deliberate re-run is a new attempt."""

import uuid

from arq.connections import ArqRedis, RedisSettings, create_pool

from cost_model_service.config import Settings

ANALYZE_ARTICLE = "analyze_article"


def redis_settings(settings: Settings) -> RedisSettings:
    if not settings.redis_url:
        raise RuntimeError("CMS_REDIS_URL is not set")
    return RedisSettings.from_dsn(settings.redis_url)


async def create_queue_pool(settings: Settings) -> ArqRedis:
    return await create_pool(redis_settings(settings), default_queue_name=settings.queue_name)


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
