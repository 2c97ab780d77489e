"""`cms dev`: the whole service on one machine, on embedded servers unless URLs are set.

The API and the worker run as child processes (`cms api`, `cms worker`), exactly as they
run in production; this process owns the embedded servers and stops everything it
started on Ctrl-C, SIGTERM or SIGHUP. Data persists under CMS_DATA_DIR between runs.

Killed outright (SIGKILL, OOM), it leaves nothing running: the children get a
parent-death signal and a reaper process stops the embedded servers (reaper.py). Should
even the reaper die with it, the next `cms dev` on the same data directory stops what
`dev.json` lists before it starts (devstate.py).
"""

import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import psutil

from cost_model_service.config import Settings
from cost_model_service.devstate import DevLock, DevState, read_state, remove_state, write_state
from cost_model_service.ports import port_problem
from cost_model_service.reaper import Reaper, set_parent_death_signal, spawn_tied, stop
from cost_model_service.urls import libpq_url

log = logging.getLogger("cms.dev")

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class _Stop(Exception):
    pass


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop


def _stop_children(children: list[subprocess.Popen[bytes]], grace: float = 20.0) -> None:
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + grace
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()


def _wait_for_api(settings: Settings, children: list[subprocess.Popen[bytes]]) -> bool:
    """True once the API accepts connections; False if a child exited first."""
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "") else settings.host
    while all(child.poll() is None for child in children):
        try:
            socket.create_connection((host, settings.port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.2)
    return False


def _die_with_uv() -> None:
    """Under `uv run`, uv is our parent and forwards Ctrl-C and SIGTERM, but SIGKILL of uv
    would leave us running: stop (gracefully) when uv goes. Not under a shell, where
    `nohup cms dev &` must outlive it."""
    with contextlib.suppress(psutil.Error, AttributeError):
        parent = psutil.Process().parent()
        if parent is not None and parent.name() in ("uv", "uvx"):
            set_parent_death_signal(signal.SIGTERM, parent.pid)


def run_dev(settings: Settings) -> int:
    _die_with_uv()
    data_dir = settings.data_dir.resolve()
    lock = DevLock(data_dir)
    deadline = time.monotonic() + 1  # `cms api-key` may hold the lock for a moment
    while not lock.acquire():
        if time.monotonic() > deadline:
            other = read_state(data_dir)
            print(
                f"cms dev: another `cms dev` (pid {other.pid if other else '?'}) is running "
                f"on {data_dir}",
                file=sys.stderr,
            )
            return 1
        time.sleep(0.1)
    try:
        if (leftover := read_state(data_dir)) is not None:
            if stopped := stop(leftover.processes):
                log.warning(
                    "stopped %d process(es) a killed `cms dev` (pid %d) left running",
                    stopped,
                    leftover.pid,
                )
            remove_state(data_dir)
        if problem := port_problem(settings.host, settings.port):
            print(f"cms dev: {problem}", file=sys.stderr)
            return 1
        return _run(settings, data_dir)
    finally:
        remove_state(data_dir)
        lock.release()


def _run(settings: Settings, data_dir: Path) -> int:
    from cost_model_service.embedded import (
        EmbeddedPostgres,
        EmbeddedValkey,
        embedded_servers,
        ensure_database,
    )
    from cost_model_service.migrate import upgrade

    for signum in STOP_SIGNALS:
        signal.signal(signum, _raise_stop)
    reaper = Reaper()
    state = DevState(pid=os.getpid())
    children: list[subprocess.Popen[bytes]] = []

    def watch(pid: int | None, **options: float) -> None:
        if (watched := reaper.watch(pid, **options)) is not None:
            state.processes.append(watched)
            write_state(data_dir, state)

    def started(server: EmbeddedPostgres | EmbeddedValkey) -> None:
        if isinstance(server, EmbeddedPostgres):
            watch(server.pid, signum=signal.SIGINT, grace=15)  # SIGINT: fast shutdown
        else:
            watch(server.pid)  # SIGTERM: Valkey saves the dataset, then exits

    try:
        with embedded_servers(
            data_dir,
            settings.database_url,
            settings.redis_url,
            database="cms",
            keep=True,
            started=started,
        ) as (database_url, redis_url):
            try:
                ensure_database(database_url)
                upgrade(database_url)
                state.database_url, state.redis_url = database_url, redis_url
                return _serve(settings, data_dir, state, children, watch)
            finally:
                _ignore_stop_signals()
                _stop_children(children, settings.worker_shutdown_grace_seconds + 5)
    except (_Stop, KeyboardInterrupt):
        log.info("stopping")
        return 0
    finally:
        _ignore_stop_signals()  # the servers are stopped by now; the reaper goes last
        reaper.close()


def _ignore_stop_signals() -> None:
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)


def _serve(
    settings: Settings,
    data_dir: Path,
    state: DevState,
    children: list[subprocess.Popen[bytes]],
    watch: Callable[..., None],
) -> int:
    """The API and the worker as children, until one of them exits (1) or a stop signal."""
    env = {
        **os.environ,
        "CMS_DATABASE_URL": state.database_url or "",
        "CMS_REDIS_URL": state.redis_url or "",
        "CMS_PORT": str(settings.port),
        "CMS_HOST": settings.host,
        "CMS_DATA_DIR": str(data_dir),
    }
    # Children die with us (SIGTERM, their graceful stop); the reaper waits for that
    # before it stops the servers they use.
    tied = settings.worker_shutdown_grace_seconds + 5 if sys.platform == "linux" else 0
    for command in ("api", "worker"):
        child = spawn_tied([sys.executable, "-m", "cost_model_service.cli", command], env=env)
        children.append(child)
        watch(child.pid, grace=settings.worker_shutdown_grace_seconds + 5, wait_first=tied)
    if _wait_for_api(settings, children):
        state.api_url = f"http://{settings.host}:{settings.port}"
        write_state(data_dir, state)
        print(_banner(settings, state.database_url or "", state.redis_url or ""), flush=True)
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    log.error("a child process exited; stopping")
    return 1


def _banner(settings: Settings, database_url: str, redis_url: str) -> str:
    plain_database_url = libpq_url(database_url)
    return (
        f"\n  GraphiQL:   http://{settings.host}:{settings.port}/graphql"
        f"\n  PostgreSQL: {plain_database_url}"
        f"\n  Redis:      {redis_url}"
        f"\n  analyzer:   {settings.resolved_analyzer().value}"
        "\n  Other `cms` commands run here (api-key, migrate, ...) use these servers."
        "\n  Ctrl-C stops everything.\n"
    )
