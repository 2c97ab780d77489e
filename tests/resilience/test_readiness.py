"""`/ready` follows PostgreSQL and Redis going down and coming back, while `/health`
(liveness) keeps answering: an orchestrator takes the process out of rotation instead of
restarting it."""

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from cost_model_service.config import Settings
from tests.helpers import changed
from tests.resilience.servers import RestartablePostgres, RestartableValkey, migrated_postgres
from tests.stack import running_api

pytestmark = pytest.mark.slow


async def _until(http: httpx.AsyncClient, url: str, status: int, seconds: float) -> httpx.Response:
    async with asyncio.timeout(seconds):
        while (response := await http.get(url)).status_code != status:
            await asyncio.sleep(0.2)
    return response


async def test_ready_follows_redis(fast: Settings, valkey: RestartableValkey) -> None:
    async with (
        running_api(changed(fast, redis_url=valkey.url)) as (_, base_url),
        httpx.AsyncClient(timeout=10) as http,
    ):
        await _until(http, f"{base_url}/ready", 200, 10)
        valkey.stop()
        # Within the cache's TTL (1.5 s) plus one check's timeout (2 s).
        down = await _until(http, f"{base_url}/ready", 503, 10)
        assert down.json()["reason"].startswith("redis: unreachable")
        assert down.json()["checks"]["postgres"] == "ok"
        assert (await http.get(f"{base_url}/health")).status_code == 200
        valkey.start()
        await _until(http, f"{base_url}/ready", 200, 15)


@pytest.fixture
async def postgres() -> AsyncIterator[tuple[RestartablePostgres, str]]:
    async with migrated_postgres() as server_and_url:
        yield server_and_url


async def test_ready_follows_postgres(
    fast: Settings, postgres: tuple[RestartablePostgres, str]
) -> None:
    server, url = postgres
    async with (
        running_api(changed(fast, database_url=url)) as (_, base_url),
        httpx.AsyncClient(timeout=10) as http,
    ):
        await _until(http, f"{base_url}/ready", 200, 10)
        await asyncio.to_thread(server.stop)
        down = await _until(http, f"{base_url}/ready", 503, 10)
        assert down.json()["reason"].startswith("postgres: unreachable")
        assert down.json()["checks"]["schema"] == "unknown"
        assert (await http.get(f"{base_url}/health")).status_code == 200
        await asyncio.to_thread(server.start)
        await _until(http, f"{base_url}/ready", 200, 15)
