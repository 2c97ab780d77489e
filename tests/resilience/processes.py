"""`cms worker` and `cms api` as real child processes, configured only through CMS_*
variables (as in production), their output in a log file that tests wait on."""

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from enum import Enum
from pathlib import Path

from pydantic import SecretStr

from cost_model_service.config import Settings
from cost_model_service.reaper import spawn_tied
from tests import reaping

READY = {"worker": "Starting worker", "api": "Application startup complete"}


def settings_env(settings: Settings) -> dict[str, str]:
    """The environment that makes `Settings()` in a child equal `settings`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CMS_")}
    for name, value in settings.model_dump().items():
        if value is None:
            continue
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        elif isinstance(value, Enum):
            value = value.value
        elif isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, list):
            value = ",".join(value)
        env[f"CMS_{name.upper()}"] = str(value)
    return env


class Service:
    """One child process. Always stopped by the test's `finally` (see `running`); killed by
    the kernel if pytest dies first (parent-death signal), and by the session's reaper."""

    def __init__(self, command: str, settings: Settings, log_dir: Path, name: str) -> None:
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        self._log = self.log_path.open("wb")
        # cwd outside the repository: no .env file there to override the environment.
        self.process = spawn_tied(
            [sys.executable, "-m", "cost_model_service.cli", command],
            signal.SIGKILL,
            env=settings_env(settings),
            cwd=log_dir,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        reaping.watch_child(self.process.pid)
        self.ready_text = READY[command]

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    async def wait_for_log(self, text: str, timeout: float = 30, count: int = 1) -> None:
        async with asyncio.timeout(timeout):
            while self.log.count(text) < count:
                if not self.alive:
                    raise AssertionError(
                        f"{self.name} exited ({self.process.returncode}):\n{self.log[-3000:]}"
                    )
                await asyncio.sleep(0.05)

    async def ready(self, timeout: float = 60) -> "Service":
        await self.wait_for_log(self.ready_text, timeout)
        return self

    def send(self, signum: int) -> None:
        self.process.send_signal(signum)

    async def exited(self, timeout: float) -> int:
        """The exit code, waiting at most `timeout` seconds."""
        async with asyncio.timeout(timeout):
            while (code := self.process.poll()) is None:
                await asyncio.sleep(0.05)
        return code

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 10 s, or at once if this is interrupted (Ctrl-C)."""
        try:
            if self.alive:
                self.process.send_signal(signal.SIGTERM)
                self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        finally:
            if self.alive:
                self.process.kill()
                self.process.wait(timeout=10)
            self._log.close()


@contextlib.asynccontextmanager
async def running(
    command: str, settings: Settings, log_dir: Path, name: str | None = None
) -> AsyncIterator[Service]:
    """Starts the child (not waiting for it to be ready); kills it whatever happens."""
    service = Service(command, settings, log_dir, name or command)
    started = time.monotonic()
    try:
        yield service
    finally:
        service.stop()
        if os.environ.get("CMS_TEST_SHOW_LOGS"):
            print(f"--- {service.name} ({time.monotonic() - started:.1f}s)\n{service.log}")
