"""arq worker configuration, built from the one Settings object."""

from typing import Any

from arq.worker import Worker

from cost_model_service.config import Settings
from cost_model_service.heap import freeze_startup_objects
from cost_model_service.jobs.queue import create_redis
from cost_model_service.worker.context import SERVICES, WorkerServices
from cost_model_service.worker.policy import job_started
from cost_model_service.worker.sweep import sweep_cron
from cost_model_service.worker.tasks import JOBS


def worker_options(settings: Settings) -> dict[str, Any]:
    async def startup(ctx: dict[Any, Any]) -> None:
        # The supervisor (runner.py) re-enters arq's main() after Redis comes back, which
        # runs this again: keep the one engine (and its pool) for the process.
        if SERVICES not in ctx:
            ctx[SERVICES] = WorkerServices.start(settings, ctx["redis"])
            freeze_startup_objects()

    async def shutdown(ctx: dict[Any, Any]) -> None:
        if isinstance(services := ctx.get(SERVICES), WorkerServices):
            await services.close()

    return {
        "functions": [job.function(settings) for job in JOBS],
        "cron_jobs": [job for job in [sweep_cron(settings)] if job is not None],
        "on_startup": startup,
        "on_shutdown": shutdown,
        "on_job_start": job_started(settings),  # log lines carry the job's ids
        "queue_name": settings.redis_keys.queue,
        "max_jobs": settings.worker_max_jobs,
        "poll_delay": settings.worker_poll_delay_seconds,
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
