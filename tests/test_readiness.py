"""`/ready` beside `/health`: ready only when PostgreSQL answers at the schema this code
needs and Redis answers; checked at most once per TTL however often it is probed.
(Outages of each server: tests/resilience/test_readiness.py.)"""

import httpx
import pytest
from redis.asyncio import Redis

from cost_model_service.config import Settings
from cost_model_service.db import create_engine
from cost_model_service.readiness import Readiness
from tests.helpers import changed
from tests.stack import running_api

pytestmark = pytest.mark.slow


async def test_ready_when_postgres_schema_and_redis_answer(settings: Settings) -> None:
    async with running_api(settings) as (_, base_url), httpx.AsyncClient() as http:
        ready = await http.get(f"{base_url}/ready")
        health = await http.get(f"{base_url}/health")
    assert ready.status_code == 200
    assert ready.json() == {
        "status": "ready",
        "checks": {"postgres": "ok", "schema": "ok", "redis": "ok"},
    }
    assert health.status_code == 200


async def test_not_ready_on_an_unmigrated_database_but_alive(
    settings: Settings, empty_database: str
) -> None:
    async with (
        running_api(changed(settings, database_url=empty_database)) as (_, base_url),
        httpx.AsyncClient() as http,
    ):
        ready = await http.get(f"{base_url}/ready")
        health = await http.get(f"{base_url}/health")
    assert ready.status_code == 503
    assert ready.json()["reason"] == "schema: the database has no schema: run `cms migrate`"
    assert ready.json()["checks"]["postgres"] == "ok"
    assert health.status_code == 200


async def test_an_older_schema_is_not_ready_a_newer_one_is(settings: Settings) -> None:
    """Upgrades migrate first: old code keeps serving on the newer schema; new code waits
    for the migration."""
    engine = create_engine(settings.database_url or "")
    redis = Redis.from_url(settings.redis_url or "")
    readiness = Readiness(engine, redis, ttl=0)
    try:
        assert (await readiness.report()).ready
        (current,) = readiness._migrations.heads
        readiness._migrations.heads = {"9999_from_the_future"}  # this code is newer
        assert (await readiness.report()).checks["schema"] == (
            f"the database schema is at {current}, this release needs 9999_from_the_future: "
            "run `cms migrate`"
        )
        assert readiness._migrations.problem({"abcdef_newer_release"}) is None
    finally:
        await redis.aclose()
        await engine.dispose()


async def test_probes_within_the_ttl_share_one_check(settings: Settings) -> None:
    engine = create_engine(settings.database_url or "")
    redis = Redis.from_url(settings.redis_url or "")
    readiness = Readiness(engine, redis, ttl=60)
    try:
        first = await readiness.report()
        assert all([await readiness.report() is first for _ in range(20)])
    finally:
        await redis.aclose()
        await engine.dispose()
