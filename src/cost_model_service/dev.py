"""`cms dev`: the whole service on one machine, on embedded servers unless URLs are set.

The API and the worker run as child processes (`cms api`, `cms worker`), exactly as they
run in production; this process owns the embedded servers and stops everything it
started on Ctrl-C or SIGTERM. Data persists under CMS_DATA_DIR between runs.
"""

import logging
import os
import signal
import subprocess
import sys
import time
from types import FrameType

from cost_model_service.config import Settings
from cost_model_service.embedded import EmbeddedPostgres, EmbeddedValkey, ensure_database
from cost_model_service.migrate import upgrade

log = logging.getLogger("cms.dev")


class _Stop(Exception):
    pass


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop


def _spawn(command: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "cost_model_service.cli", command], env=env)


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


def run_dev(settings: Settings) -> int:
    signal.signal(signal.SIGTERM, _raise_stop)
    signal.signal(signal.SIGINT, _raise_stop)
    stoppers = []
    children: list[subprocess.Popen[bytes]] = []
    try:
        data_dir = settings.data_dir.resolve()
        database_url, redis_url = settings.database_url, settings.redis_url
        if not database_url:
            postgres = EmbeddedPostgres(data_dir / "postgres")
            stoppers.append(postgres.stop)
            database_url = postgres.url("cms")
            log.info("embedded PostgreSQL in %s", data_dir / "postgres")
        ensure_database(database_url)
        if not redis_url:
            valkey = EmbeddedValkey(data_dir / "valkey")
            stoppers.append(valkey.stop)
            redis_url = valkey.url
            log.info("embedded Valkey at %s", redis_url)
        upgrade(database_url)
        env = {
            **os.environ,
            "CMS_DATABASE_URL": database_url,
            "CMS_REDIS_URL": redis_url,
            "CMS_PORT": str(settings.port),
            "CMS_HOST": settings.host,
            "CMS_DATA_DIR": str(data_dir),
        }
        children = [_spawn("api", env), _spawn("worker", env)]
        print(f"\n  GraphiQL: http://{settings.host}:{settings.port}/graphql"
              f"\n  analyzer: {settings.resolved_analyzer().value}"
              "\n  Ctrl-C stops everything.\n", flush=True)
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        log.error("a child process exited; stopping")
        return 1
    except (_Stop, KeyboardInterrupt):
        log.info("stopping")
        return 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        _stop_children(children)
        for stop in reversed(stoppers):
            stop()
