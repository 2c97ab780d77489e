"""What a job gets: the worker process's services, and arq's bookkeeping for this try.

arq hands every job an untyped dict (`ctx`): the worker's startup puts one
`WorkerServices` in it, and `JobContext.from_arq` turns the dict into typed fields, so
that no job reads `ctx["..."]` itself.
"""

from dataclasses import dataclass
from typing import Any

from arq.connections import ArqRedis
from sqlalchemy.ext.asyncio import AsyncEngine

from cost_model_service.analysis.base import Analyzer
from cost_model_service.analysis.factory import build_analyzer
from cost_model_service.config import Settings
from cost_model_service.db import SessionMaker, create_engine, create_sessionmaker
from cost_model_service.redis_keys import RedisKeys

# The one key of arq's ctx dict that is ours.
SERVICES = "services"


@dataclass(frozen=True)
class WorkerServices:
    """Built once per worker process, shared by every job it runs."""

    settings: Settings
    engine: AsyncEngine
    sessionmaker: SessionMaker
    redis: ArqRedis  # the queue's client: enqueueing and publishing
    analyzer: Analyzer

    @classmethod
    def start(cls, settings: Settings, redis: ArqRedis) -> "WorkerServices":
        if not settings.database_url:
            raise RuntimeError("CMS_DATABASE_URL is not set")
        # Each running analysis holds a connection (db.held_session_scope); the overflow
        # serves the sweep and the other jobs.
        engine = create_engine(settings.database_url, pool_size=max(5, settings.worker_max_jobs))
        sessionmaker = create_sessionmaker(engine)
        return cls(settings, engine, sessionmaker, redis, build_analyzer(settings, sessionmaker))

    async def close(self) -> None:
        """The engine is ours; the Redis client belongs to arq, which closes it."""
        await self.engine.dispose()

    @property
    def keys(self) -> RedisKeys:
        return self.settings.redis_keys


def services_of(ctx: dict[Any, Any]) -> WorkerServices:
    services = ctx[SERVICES]
    if not isinstance(services, WorkerServices):
        raise TypeError(f"ctx[{SERVICES!r}] is not WorkerServices: {services!r}")
    return services


@dataclass(frozen=True)
class JobContext:
    """One try of one job."""

    services: WorkerServices
    job_id: str
    job_try: int  # 1 for the first try

    @classmethod
    def from_arq(cls, ctx: dict[Any, Any]) -> "JobContext":
        return cls(services_of(ctx), str(ctx.get("job_id", "")), int(ctx.get("job_try", 1)))

    @property
    def settings(self) -> Settings:
        return self.services.settings

    @property
    def final_try(self) -> bool:
        """No retry follows this try, whatever happens."""
        return self.job_try >= self.settings.job_max_tries
