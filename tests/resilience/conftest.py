"""Fixtures for fault injection: servers the tests may stop, the fake LLM, short timings,
and a database of its own for every test.

Own databases because the sweep is global by design (one database per deployment): in
the suite's shared database it would pick up articles other tests left PROCESSING and run
them on this test's queue. A template migrated once makes each copy cheap.
"""

import asyncio
import itertools
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from cost_model_service.config import Settings
from cost_model_service.jobs.queue import create_redis
from cost_model_service.migrate import upgrade
from cost_model_service.urls import with_database
from cost_model_service.worker.context import SERVICES, WorkerServices
from tests.helpers import admin_execute, changed
from tests.resilience.servers import RestartableValkey


@pytest.fixture
def valkey(tmp_path: Path) -> Iterator[RestartableValkey]:
    """This test's own Valkey (with persistence, so a restart keeps the queue)."""
    server = RestartableValkey(tmp_path / "valkey")
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def fast(llm_settings: Settings) -> Settings:
    """The openai analyzer against the fake (tests/conftest.py), with every interval short
    enough for a test. The job timeout of 3 s makes arq's in-progress key live 13 s."""
    return changed(
        llm_settings,
        openai_timeout_seconds=10,
        job_timeout_seconds=3,
        job_max_tries=3,
        job_retry_seconds=0.2,
        worker_shutdown_grace_seconds=3,
        redis_socket_timeout_seconds=1,
        sweep_interval_seconds=1,
        events_ping_interval_seconds=0.3,
        events_dead_after_seconds=1.0,
        # Long on purpose: a test that sees the terminal state sooner proves the RESYNC
        # path, not this safety net.
        events_quiet_resync_seconds=60,
    )


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    """Where child processes write their output (also their working directory)."""
    path = tmp_path / "logs"
    path.mkdir()
    return path


_numbers = itertools.count()
_RUN = uuid.uuid4().hex[:8]


@pytest.fixture(scope="session")
async def template_database(server_urls: tuple[str, str]) -> AsyncIterator[str]:
    admin_url = server_urls[0]
    name = f"cms_test_{_RUN}_template"
    await admin_execute(admin_url, f'CREATE DATABASE "{name}"')
    await asyncio.to_thread(upgrade, with_database(admin_url, name))
    yield name
    await admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
async def database_url(server_urls: tuple[str, str], template_database: str) -> AsyncIterator[str]:
    """Overrides the suite's shared database: a fresh copy of the migrated template."""
    admin_url = server_urls[0]
    name = f"cms_test_{_RUN}_r{next(_numbers)}"
    await admin_execute(admin_url, f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"')
    yield with_database(admin_url, name)
    await admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
async def ctx(settings: Settings) -> AsyncIterator[dict[str, Any]]:
    """What arq hands the sweep: the worker's services (the queue's Redis among them)."""
    redis = create_redis(settings)
    services = WorkerServices.start(settings, redis)
    try:
        yield {SERVICES: services, "redis": redis}
    finally:
        await redis.aclose()
        await services.close()
