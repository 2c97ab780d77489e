"""What a benchmark runs against: PostgreSQL and Redis from CMS_DATABASE_URL and
CMS_REDIS_URL (embedded ones when unset), a scratch database and Redis prefix removed
afterwards, and the service as `cms api` / `cms worker` child processes, exactly as they
run in production."""

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
import psutil
from redis.asyncio import Redis

from cost_model_service.migrate import upgrade
from cost_model_service.reaper import spawn_tied
from cost_model_service.urls import libpq_url, normalise_database_url, with_database

ROOT = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def backing_servers(tmp: Path) -> Iterator[tuple[str, str]]:
    """(a database URL on the server to use, a Redis URL)."""
    from cost_model_service.embedded import embedded_servers

    database_url = os.environ.get("CMS_DATABASE_URL")
    redis_url = os.environ.get("CMS_REDIS_URL")
    with embedded_servers(tmp, database_url, redis_url) as (database_url, redis_url):
        yield normalise_database_url(database_url), redis_url


@contextlib.asynccontextmanager
async def scratch_database(server_url: str) -> AsyncIterator[str]:
    """A new, migrated database on the server, dropped afterwards."""
    name = f"cms_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(libpq_url(with_database(server_url, "postgres")))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    url = with_database(server_url, name)
    try:
        await asyncio.to_thread(upgrade, url)
        yield url
    finally:
        admin = await asyncpg.connect(libpq_url(with_database(server_url, "postgres")))
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


async def drop_prefix(redis_url: str, prefix: str) -> None:
    redis = Redis.from_url(redis_url)
    try:
        keys = [key async for key in redis.scan_iter(match=f"{prefix}*")]
        if keys:
            await redis.delete(*keys)
    finally:
        await redis.aclose()


async def transactions(database_url: str) -> int:
    """Transactions PostgreSQL counted for the database (pg_stat_database): every read or
    write of the service is one (its statistics are flushed about once a second)."""
    name = database_url.rsplit("/", 1)[1].split("?")[0]
    connection = await asyncpg.connect(libpq_url(with_database(database_url, "postgres")))
    try:
        await connection.execute("SELECT pg_stat_clear_snapshot()")
        return int(
            await connection.fetchval(
                "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = $1", name
            )
        )
    finally:
        await connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Child:
    name: str
    process: subprocess.Popen[bytes]
    log: Path

    def rss(self) -> int:
        return int(psutil.Process(self.process.pid).memory_info().rss)

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(2)  # SIGINT, as Ctrl-C
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def start(name: str, args: list[str], logs: Path, env: dict[str, str], cwd: Path) -> Child:
    log = logs / f"{name}.log"
    with log.open("ab") as output:
        process = spawn_tied(
            [sys.executable, *args], cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    return Child(name, process, log)


def service_env(
    database_url: str, redis_url: str, prefix: str, port: int, **extra: str
) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("CMS_") or key == "CMS_WS_PER_MESSAGE_DEFLATE"
    }
    env.update(
        CMS_DATABASE_URL=database_url,
        CMS_REDIS_URL=redis_url,
        CMS_REDIS_PREFIX=prefix,
        CMS_HOST="127.0.0.1",
        CMS_PORT=str(port),
        CMS_ANALYZER="rules",
        CMS_ENVIRONMENT="development",
        CMS_ANALYZE_RATE_LIMIT_COUNT="0",
        # This checkout's code, whichever the virtualenv has installed.
        PYTHONPATH=os.pathsep.join((str(ROOT / "src"), str(ROOT))),
    )
    env.update(extra)
    return env


def start_cms(command: str, logs: Path, env: dict[str, str]) -> Child:
    # Outside the repository: no .env is read, only the environment.
    return start(command, ["-m", "cost_model_service.cli", command], logs, env, logs)


def start_bare(logs: Path, port: int) -> Child:
    # The environment's CMS_WS_PER_MESSAGE_DEFLATE, as the service's children get it.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("CMS_") or key == "CMS_WS_PER_MESSAGE_DEFLATE"
    }
    return start("bare", ["-m", "benchmarks.bare_app", str(port)], logs, env, ROOT)


async def wait_http(url: str, child: Child, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    async with httpx.AsyncClient(timeout=2) as http:
        while time.monotonic() < deadline:
            if child.process.poll() is not None:
                raise RuntimeError(f"{child.name} exited:\n{child.tail()}")
            with contextlib.suppress(httpx.HTTPError):
                await http.get(url)
                return
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{child.name}: no answer from {url}:\n{child.tail()}")


def temporary_directory() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="cms-bench-")
