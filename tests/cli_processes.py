"""`cms` commands as real child processes, configured only through the environment, run
outside the repository (no `.env` there) and tied to this process (they die with it)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil

from cost_model_service.reaper import spawn_tied

CMS = [sys.executable, "-m", "cost_model_service.cli"]


def cms_env(**variables: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CMS_")}
    return {**env, **variables}


def run_cms(
    *args: str, cwd: Path, timeout: float = 60, **variables: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CMS, *args],
        cwd=cwd,
        env=cms_env(**variables),
        text=True,
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def start_cms(*args: str, cwd: Path, log: Path, **variables: str) -> subprocess.Popen[bytes]:
    with log.open("ab") as output:
        return spawn_tied(
            [*CMS, *args],
            cwd=cwd,
            env=cms_env(**variables),
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def wait_http(
    url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 120
) -> httpx.Response:
    """The first answer from `url`, while `process` keeps running."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"exited {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url} within {timeout}s:\n{log.read_text()[-3000:]}")


def alive(pids: list[int]) -> list[int]:
    """Which of `pids` still run (zombies do not)."""
    running = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                running.append(pid)
        except psutil.NoSuchProcess:
            pass
    return running


def wait_gone(pids: list[int], timeout: float) -> list[int]:
    deadline = time.monotonic() + timeout
    while (left := alive(pids)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def stop(process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """SIGINT (Ctrl-C), then SIGKILL: whatever a test did, nothing stays behind."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
