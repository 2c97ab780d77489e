"""Real servers for the suite: PostgreSQL and Redis (the machine's when CMS_TEST_*_URL are
set, embedded ones otherwise), a uniquely named database migrated with Alembic, a unique
Redis prefix, and everything removed afterwards so that runs never collide.

Every test has a time limit (pytest-timeout; `timeout` in pyproject.toml, longer ones
marked). An async test is also cancelled a little before it, inside its event loop, so
that its own `async with`/`finally` blocks stop what it started; the session's reaper
(tests/reaping.py) stops whatever is left if pytest itself dies."""

import asyncio
import functools
import gc
import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from arq.connections import ArqRedis
from redis.asyncio import Redis
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.config import Settings
from cost_model_service.db import SessionMaker, create_engine, create_sessionmaker, session_scope
from cost_model_service.embedded import EmbeddedPostgres, EmbeddedValkey, embedded_servers
from cost_model_service.jobs.queue import create_redis
from cost_model_service.migrate import upgrade
from cost_model_service.urls import with_database
from tests import reaping
from tests.fake_openai import FakeOpenAI
from tests.helpers import admin_execute, changed

RUN_ID = uuid.uuid4().hex[:10]


def _time_limit(item: pytest.Item) -> float | None:
    if not item.config.pluginmanager.has_plugin("timeout"):  # -p no:timeout
        return None
    marker = item.get_closest_marker("timeout")
    value = marker.args[0] if marker and marker.args else item.config.getoption("timeout")
    if value is None:
        value = item.config.getini("timeout")
    return float(value) if value else None


def _cancelled_before(
    test: Callable[..., Awaitable[Any]], seconds: float
) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(test)
    async def bounded(*args: Any, **kwargs: Any) -> Any:
        try:
            async with asyncio.timeout(seconds) as limit:
                return await test(*args, **kwargs)
        except TimeoutError:
            if not limit.expired():
                raise
            pytest.fail(
                f"did not finish within {seconds:g} s: cancelled, its cleanup ran", pytrace=False
            )

    return bounded


# Real processes and servers stopped and started: slower, and more so on a loaded machine.
SLOW_DIRECTORIES = {"resilience": 300}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        directory = item.path.parent.name
        if directory in SLOW_DIRECTORIES and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(SLOW_DIRECTORIES[directory]))
        test = getattr(item, "obj", None)
        limit = _time_limit(item)
        if limit and asyncio.iscoroutinefunction(test):
            # Before pytest-timeout's SIGALRM (which also counts fixture setup): a clean
            # cancellation beats an exception raised wherever the loop happens to be.
            item.obj = _cancelled_before(test, max(limit / 2, limit - 30))  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    reaping.close()


@pytest.fixture(scope="session")
def server_urls() -> Iterator[tuple[str, str]]:
    """(admin database URL, Redis URL) of real servers."""
    with tempfile.TemporaryDirectory(prefix="cms-test-") as tmp:

        def watch(server: EmbeddedPostgres | EmbeddedValkey) -> None:
            # Killed, pytest leaves the whole directory (PostgreSQL's is in it) to the reaper.
            path = tmp if isinstance(server, EmbeddedPostgres) else server.data_dir
            reaping.watch_server(server.pid, path)

        with embedded_servers(
            Path(tmp),
            os.environ.get("CMS_TEST_DATABASE_URL"),
            os.environ.get("CMS_TEST_REDIS_URL"),
            started=watch,
        ) as urls:
            yield urls


@pytest.fixture(scope="session")
async def database_url(server_urls: tuple[str, str]) -> AsyncIterator[str]:
    admin_url, _ = server_urls
    name = f"cms_test_{RUN_ID}"
    await admin_execute(admin_url, f'CREATE DATABASE "{name}"')
    url = with_database(admin_url, name)
    await asyncio.to_thread(upgrade, url)
    yield url
    await admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
async def empty_database(server_urls: tuple[str, str]) -> AsyncIterator[str]:
    """A database of the test's own that was never migrated, dropped afterwards."""
    admin_url, _ = server_urls
    name = f"cms_test_{RUN_ID}_empty_{uuid.uuid4().hex[:8]}"
    await admin_execute(admin_url, f'CREATE DATABASE "{name}"')
    try:
        yield with_database(admin_url, name)
    finally:
        await admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
async def redis_url(server_urls: tuple[str, str]) -> AsyncIterator[str]:
    url = server_urls[1]
    yield url
    redis = Redis.from_url(url)
    try:
        keys = [key async for key in redis.scan_iter(match=f"*cmstest{RUN_ID}*")]
        if keys:
            await redis.delete(*keys)
    finally:
        await redis.aclose()


@pytest.fixture
def settings(database_url: str, redis_url: str) -> Settings:
    """Settings for one test: its own Redis prefix, the offline analyzer, quick retries."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url,
        redis_url=redis_url,
        redis_prefix=f"cmstest{RUN_ID}:{uuid.uuid4().hex[:8]}",
        analyzer="rules",
        openai_api_key=None,
        job_retry_seconds=0.1,
        job_max_tries=2,
        max_upload_bytes=256 * 1024,
        # The sweep is global to a database, and tests share one between queues: it would
        # run other tests' PROCESSING articles here. tests/resilience turns it on.
        sweep_interval_seconds=0,
    )


# --- The fast tier: services called with a session (and a real Redis where they need one),
# no API or worker process. Added apart from the fixtures above, which they only build on.


@pytest.fixture
async def sessionmaker(database_url: str) -> AsyncIterator[SessionMaker]:
    """Sessions on the test database (its own engine, disposed after the test)."""
    engine = create_engine(database_url)
    try:
        yield create_sessionmaker(engine)
    finally:
        await engine.dispose()


@pytest.fixture
async def session(sessionmaker: SessionMaker) -> AsyncIterator[AsyncSession]:
    """One session, as a request or a job has; what the test did not commit is rolled back."""
    async with session_scope(sessionmaker) as session:
        yield session


@pytest.fixture
async def queue(settings: Settings) -> AsyncIterator[ArqRedis]:
    """The queue's client on the test's Redis prefix (jobs/queue.py), as the API has it."""
    redis = create_redis(settings)
    try:
        yield redis
    finally:
        await redis.aclose()


# --- The fake OpenAI server (tests/fake_openai.py), one per test module, and settings that
# point the openai analyzer at it.


@pytest.fixture(scope="module")
def fake_openai() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def llm_settings(settings: Settings, fake_openai: FakeOpenAI) -> Settings:
    """The openai analyzer against the fake, reset for this test; no client-side retries."""
    fake_openai.reset()
    return changed(
        settings,
        analyzer="openai",
        openai_api_key="test-key",
        openai_base_url=fake_openai.base_url,
        openai_max_retries=0,
        openai_timeout_seconds=5,
    )


# --- Short garbage-collection pauses. Collecting every test module imports the whole
# stack (strawberry, openai, schemathesis, onnxruntime, ...): a full collection of that heap
# stops every thread, the in-process fake servers included, for 0.2-0.3 s, which is longer
# than the tight client timeouts some tests use on purpose. What exists after collection
# lives for the whole run anyway: frozen, the collector skips it.


def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()
