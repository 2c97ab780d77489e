"""The suite cleans up after itself however a test ends: a hung test times out (whether it
hangs in its event loop or blocks it), Ctrl-C, or pytest killed outright. Each case runs
a small test module in a pytest of its own, on embedded servers, with a tied child
process, and then looks for what it left behind."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.cli_processes import wait_gone

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
ROOT = Path(__file__).resolve().parents[1]

HANGING_TEST = """
import asyncio, json, os, signal, sys, time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import psutil
import pytest

from cost_model_service.reaper import spawn_tied
from tests import reaping
from tests.conftest import server_urls  # noqa: F401


@pytest.mark.timeout({timeout})
async def test_hangs(server_urls):
    database_url, redis_url = server_urls
    pgdata = Path(parse_qs(urlsplit(database_url).query)["host"][0])
    postmaster = int((pgdata / "postmaster.pid").read_text().split()[0])
    port = urlsplit(redis_url).port
    valkey = [p.pid for p in psutil.process_iter(["cmdline"])
              if f"127.0.0.1:{{port}}" in " ".join(p.info["cmdline"] or [])]
    child = spawn_tied([sys.executable, "-c", "import time; time.sleep(600)"], signal.SIGKILL)
    reaping.watch_child(child.pid)
    Path(os.environ["STARTED"]).write_text(json.dumps(
        {{"pids": [postmaster, *valkey, child.pid], "paths": [str(pgdata.parent)]}}))
    if "{hang}" == "blocking":
        time.sleep(600)  # blocks the event loop: only SIGALRM gets it out
    else:
        await asyncio.sleep(600)
"""


def _start(tmp_path: Path, hang: str, timeout: float) -> tuple[subprocess.Popen[str], Path]:
    module = tmp_path / "test_hanging.py"
    module.write_text(textwrap.dedent(HANGING_TEST.format(hang=hang, timeout=timeout)))
    started = tmp_path / "started.json"
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("CMS_", "PYTEST_"))
    }  # embedded servers, like a fresh clone
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pytest",
            str(module),
            "-p",
            "tests.conftest",
            "-q",
            "--rootdir",
            str(ROOT),
            "-c",
            str(ROOT / "pyproject.toml"),
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        env={**env, "STARTED": str(started)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return process, started


def _started(process: subprocess.Popen[str], started: Path) -> dict[str, list]:
    deadline = time.monotonic() + 120
    while not started.exists():
        assert process.poll() is None, process.communicate()[0]
        assert time.monotonic() < deadline, "the hanging test never started"
        time.sleep(0.1)
    time.sleep(0.2)  # the file is written in one call; let it land
    return json.loads(started.read_text())


def _assert_nothing_left(left: dict[str, list], output: str = "") -> None:
    assert wait_gone(left["pids"], timeout=30) == [], output[-3000:]
    deadline = time.monotonic() + 10
    while any(Path(path).exists() for path in left["paths"]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [path for path in left["paths"] if Path(path).exists()] == [], output[-3000:]


@pytest.mark.parametrize("hang", ["in_the_loop", "blocking"])
def test_a_hung_test_times_out_and_leaves_nothing(tmp_path: Path, hang: str) -> None:
    process, started = _start(tmp_path, hang, timeout=60)
    try:
        left = _started(process, started)
        output, _ = process.communicate(timeout=180)
    finally:
        process.kill()
    assert process.returncode == 1, output
    assert ("did not finish within 30 s" if hang == "in_the_loop" else "Timeout") in output
    assert "1 failed" in output
    _assert_nothing_left(left, output)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGKILL], ids=["sigint", "sigkill"])
def test_an_interrupted_or_killed_run_leaves_nothing(tmp_path: Path, signum: int) -> None:
    process, started = _start(tmp_path, "in_the_loop", timeout=120)
    try:
        left = _started(process, started)
        process.send_signal(signum)
        output, _ = process.communicate(timeout=120)
    finally:
        process.kill()
    if signum == signal.SIGINT:
        assert "KeyboardInterrupt" in output
    _assert_nothing_left(left, output)
