"""`/ready`: may this API process take traffic? PostgreSQL answers, its schema is at the
revision this code needs, and Redis answers. `/health` stays the liveness probe: a
process that is alive but not ready must be taken out of rotation, not restarted.

Checked at most once per `ttl` seconds however many probes ask, so probing is cheap.
"""

import asyncio
import logging
import time
from dataclasses import dataclass

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from cost_model_service.migrate import Migrations, current_revisions

log = logging.getLogger(__name__)

OK = "ok"


@dataclass(frozen=True)
class Report:
    checks: dict[str, str]

    @property
    def ready(self) -> bool:
        return all(value == OK for value in self.checks.values())

    def as_json(self) -> dict[str, object]:
        if self.ready:
            return {"status": "ready", "checks": self.checks}
        reason = next(f"{name}: {value}" for name, value in self.checks.items() if value != OK)
        return {"status": "unavailable", "reason": reason, "checks": self.checks}


class Readiness:
    def __init__(
        self, engine: AsyncEngine, redis: Redis, *, ttl: float = 1.5, timeout: float = 2.0
    ) -> None:
        self._engine, self._redis = engine, redis
        self._ttl, self._timeout = ttl, timeout
        self._migrations = Migrations()
        self._lock = asyncio.Lock()
        self._report: Report | None = None
        self._checked_at = 0.0

    async def report(self) -> Report:
        async with self._lock:  # concurrent probes wait for the one check under way
            if self._report is None or time.monotonic() - self._checked_at > self._ttl:
                report = await self._check()
                if report != self._report and not report.ready:
                    log.warning("not ready: %s", report.as_json()["reason"])
                self._report, self._checked_at = report, time.monotonic()
            return self._report

    async def _check(self) -> Report:
        (postgres, schema), redis = await asyncio.gather(self._database(), self._ping())
        return Report({"postgres": postgres, "schema": schema, "redis": redis})

    async def _database(self) -> tuple[str, str]:
        try:
            async with asyncio.timeout(self._timeout):
                current = await current_revisions(self._engine)
        except Exception as error:
            log.debug("readiness: PostgreSQL", exc_info=True)
            return _unreachable(error), "unknown"
        return OK, self._migrations.problem(current) or OK

    async def _ping(self) -> str:
        try:
            async with asyncio.timeout(self._timeout):
                await self._redis.ping()
        except Exception as error:
            log.debug("readiness: Redis", exc_info=True)
            return _unreachable(error)
        return OK


def _unreachable(error: BaseException) -> str:
    # The class only: the message may name hosts and users, and /ready is unauthenticated.
    kind = (
        "no answer within the timeout" if isinstance(error, TimeoutError) else type(error).__name__
    )
    return f"unreachable ({kind})"


async def check_once(database_url: str, redis_url: str) -> Report:
    """One check with clients of its own (`cms ready`)."""
    from cost_model_service.db import create_engine

    engine = create_engine(database_url, pool_size=1)
    redis = Redis.from_url(redis_url, socket_connect_timeout=2)
    try:
        return await Readiness(engine, redis, ttl=0)._check()
    finally:
        await redis.aclose()
        await engine.dispose()
