"""`cms dev` as a user runs it (embedded PostgreSQL and Valkey, API and worker children),
killed as a user or the OOM killer kills it: nothing may outlive it, and the next start
on the same data directory must work. A busy port is reported at once."""

import json
import signal
import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from cost_model_service.devstate import read_state
from tests.cli_processes import alive, run_cms, start_cms, stop, wait_gone, wait_http
from tests.resilience.servers import free_port

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def data_dir() -> Iterator[Path]:
    """One data directory for the module: PostgreSQL's initdb runs once. Short, under /tmp:
    PostgreSQL's socket lives in it."""
    with tempfile.TemporaryDirectory(prefix="cms-dev-", dir="/tmp") as path:
        yield Path(path)


class Dev:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir, self.port = data_dir, free_port()
        self.log = data_dir / f"dev-{self.port}.log"
        self.process = start_cms(
            "dev",
            cwd=data_dir,
            log=self.log,
            CMS_PORT=str(self.port),
            CMS_DATA_DIR=str(data_dir / "data"),
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def ready(self) -> "Dev":
        assert wait_http(f"{self.url}/ready", self.process, self.log).status_code == 200
        deadline = time.monotonic() + 30
        while "Ctrl-C stops everything" not in self.log.read_text():
            assert time.monotonic() < deadline, self.log.read_text()
            time.sleep(0.1)
        return self

    def processes(self) -> list[int]:
        """Everything this `cms dev` started: children, their children, the servers."""
        state = read_state(self.data_dir / "data")
        assert state is not None and len(state.processes) == 4, state
        pids = {watched.pid for watched in state.processes}
        for pid in [self.process.pid, *pids]:
            pids |= {child.pid for child in psutil.Process(pid).children(recursive=True)}
        return sorted(pids)

    def port_free(self) -> bool:
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", self.port))
            except OSError:
                return False
        return True


def test_sigkill_leaves_nothing_running_and_the_next_start_works(data_dir: Path) -> None:
    first = Dev(data_dir)
    try:
        first.ready()
        started = first.processes()
        assert len(started) >= 6  # dev, reaper, api, worker, postmaster (+ its backends), valkey
        first.process.send_signal(signal.SIGKILL)
        assert wait_gone(started, timeout=20) == [], first.log.read_text()[-3000:]
        assert first.port_free()
    finally:
        stop(first.process)

    second = Dev(data_dir)
    try:
        second.ready()
        # The README's walk-through, in "another terminal": no URL set, the data dir finds them.
        created = run_cms(
            "api-key",
            "create",
            "--tenant",
            "acme",
            cwd=data_dir,
            CMS_DATA_DIR=str(data_dir / "data"),
        )
        assert created.returncode == 0, created.stderr
        assert created.stdout.startswith("cms_")
        listed = run_cms(
            "api-key", "list", "--json", cwd=data_dir, CMS_DATA_DIR=str(data_dir / "data")
        )
        assert [key["tenant"] for key in json.loads(listed.stdout)] == ["acme"]
        assert "PostgreSQL: postgresql://" in second.log.read_text()
        started = second.processes()
        second.process.send_signal(signal.SIGINT)  # Ctrl-C: a clean stop, exit 0
        assert second.process.wait(60) == 0
        assert wait_gone(started, timeout=10) == []
    finally:
        stop(second.process)
    # Without a running `cms dev` the other commands say what to do, at once.
    orphaned = run_cms("api-key", "list", cwd=data_dir, CMS_DATA_DIR=str(data_dir / "data"))
    assert orphaned.returncode == 2 and "no `cms dev` is running" in orphaned.stderr


def test_what_a_killed_dev_and_its_reaper_left_is_stopped_at_the_next_start(
    data_dir: Path,
) -> None:
    first = Dev(data_dir).ready()
    try:
        state = read_state(data_dir / "data")
        assert state is not None
        servers = [watched.pid for watched in state.processes[:2]]  # PostgreSQL, Valkey
        children = [watched.pid for watched in state.processes[2:]]  # API, worker
        reaper = [
            child.pid
            for child in psutil.Process(first.process.pid).children()
            if "cost_model_service.reaper" in " ".join(child.cmdline())
        ]
        assert len(reaper) == 1
        psutil.Process(reaper[0]).kill()
        first.process.send_signal(signal.SIGKILL)
        # The children got their parent-death signal; the daemonized servers stay.
        assert wait_gone(children, timeout=20) == []
        assert alive(servers) == servers
    finally:
        stop(first.process)

    second = Dev(data_dir)
    try:
        second.ready()
        assert "stopped 2 process(es) a killed `cms dev`" in second.log.read_text()
        assert alive(servers) == []
    finally:
        stop(second.process)


def test_a_busy_port_is_reported_at_once(data_dir: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        dev = run_cms(
            "dev", cwd=data_dir, timeout=30, CMS_PORT=port, CMS_DATA_DIR=str(data_dir / "busy")
        )
        api = run_cms(
            "api",
            "--port",
            port,
            cwd=data_dir,
            timeout=30,
            CMS_DATABASE_URL="postgresql://nobody@127.0.0.1:9/none",
            CMS_REDIS_URL="redis://127.0.0.1:9/0",
        )
    for result in (dev, api):
        assert result.returncode == 1
        assert "already in use" in result.stderr
        assert "Traceback" not in result.stderr and "GraphiQL" not in result.stdout
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (data_dir / "busy" / "postgres").exists()  # nothing was started
