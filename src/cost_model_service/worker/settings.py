"""arq worker configuration, built from the one Settings object."""

from typing import Any

from arq import func
from arq.worker import Worker

from cost_model_service.analysis.factory import build_analyzer
from cost_model_service.config import Settings
from cost_model_service.db import create_engine, create_sessionmaker
from cost_model_service.worker.queue import ANALYZE_ARTICLE, create_redis
from cost_model_service.worker.sweep import sweep_cron
from cost_model_service.worker.tasks import analyze_article


def worker_options(settings: Settings) -> dict[str, Any]:
    async def startup(ctx: dict[str, Any]) -> None:
        # The supervisor (runner.py) re-enters arq's main() after Redis comes back, which
        # runs this again: keep the one engine (and its pool) for the process.
        if "engine" in ctx:
            return
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
                # One more than ours: the job itself gives up after job_max_tries, and the
                # extra try only comes when the last one was killed, to write FAILED.
                max_tries=settings.job_max_tries + 1,
                timeout=settings.job_timeout_seconds,
            )
        ],
        "cron_jobs": [job for job in [sweep_cron(settings)] if job is not None],
        "on_startup": startup,
        "on_shutdown": shutdown,
        "queue_name": settings.queue_name,
        "max_jobs": settings.worker_max_jobs,
        # arq's in-progress key lives the longest function timeout + 10 s and is never
        # refreshed: it is how long a killed worker's job waits before it runs again.
        "job_timeout": settings.job_timeout_seconds,
        "keep_result": 3600,
        "handle_signals": True,
    }


def create_worker(settings: Settings, **overrides: Any) -> Worker:
    # Our own client (read timeouts, a quiet reconnect), created per worker: it is closed
    # with the worker.
    options = {"redis_pool": create_redis(settings), **worker_options(settings), **overrides}
    return Worker(**options)
