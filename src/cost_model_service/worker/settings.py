"""arq worker configuration, built from the one Settings object."""

from typing import Any

from arq import func
from arq.worker import Worker

from cost_model_service.analysis.factory import build_analyzer
from cost_model_service.config import Settings
from cost_model_service.db import create_engine, create_sessionmaker
from cost_model_service.worker.queue import ANALYZE_ARTICLE, redis_settings
from cost_model_service.worker.tasks import analyze_article


def worker_options(settings: Settings) -> dict[str, Any]:
    async def startup(ctx: dict[str, Any]) -> None:
        if not settings.database_url:
            raise RuntimeError("CMS_DATABASE_URL is not set")
        ctx["settings"] = settings
        ctx["engine"] = create_engine(settings.database_url)
        ctx["sessionmaker"] = create_sessionmaker(ctx["engine"])
        ctx["analyzer"] = build_analyzer(settings, ctx["sessionmaker"])

    async def shutdown(ctx: dict[str, Any]) -> None:
        if "engine" in ctx:
            await ctx["engine"].dispose()

    return {
        "functions": [
            func(
                analyze_article,
                name=ANALYZE_ARTICLE,
                max_tries=settings.job_max_tries,
                timeout=settings.job_timeout_seconds,
            )
        ],
        "on_startup": startup,
        "on_shutdown": shutdown,
        "redis_settings": redis_settings(settings),
        "queue_name": settings.queue_name,
        "max_jobs": settings.worker_max_jobs,
        "job_timeout": settings.job_timeout_seconds,
        "keep_result": 3600,
        "handle_signals": True,
    }


def create_worker(settings: Settings, **overrides: Any) -> Worker:
    return Worker(**{**worker_options(settings), **overrides})
