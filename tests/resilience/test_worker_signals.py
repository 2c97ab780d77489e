"""A `cms worker` process killed or stopped in the middle of a job: the article still
reaches COMPLETED, with one set of cost model parts.

Worker A is a real child process; the worker that picks up afterwards runs in this
process (it is not what is being tested, and starting a second child costs seconds).
"""

import asyncio
import signal
import time
import uuid
from decimal import Decimal
from pathlib import Path

import psutil
import pytest

from cost_model_service.config import Settings
from tests.cli_processes import wait_gone
from tests.fake_openai import FakeOpenAI
from tests.helpers import changed, submit
from tests.resilience.processes import running
from tests.resilience.support import article_row, wait_for, wait_for_status
from tests.stack import running_stack, running_worker

# Real processes (uvicorn, arq, subprocesses): not in the fast tier, `pytest -m "not slow"`.
pytestmark = pytest.mark.slow

TERMINAL = {"completed", "failed"}


def spec() -> bytes:
    # Unique: LLM answers are cached by text, and a cached answer would skip the slow call.
    return (
        b"Helical gearbox HG-80\nHousing: cast iron, shafts: steel 42CrMo4\n"
        b"Net weight: 14.8 kg\n" + f"Drawing {uuid.uuid4()}\n".encode()
    )


def assert_one_cost_model(parts: list[tuple[str, Decimal]]) -> None:
    codes = [code for code, _ in parts]
    assert parts and len(codes) == len(set(codes)), parts
    assert sum(part for _, part in parts) == Decimal(100)


async def test_sigkill_mid_job_runs_it_again_once_the_in_progress_key_expires(
    fast: Settings, fake_openai: FakeOpenAI, log_dir: Path
) -> None:
    fake_openai.set_latency(2.0)  # the first LLM call is still open when the worker dies
    async with (
        running("worker", fast, log_dir, "worker-a") as worker_a,
        running_stack(fast, worker=False) as stack,
    ):
        await worker_a.ready()
        article_id = await submit(stack, spec())
        await wait_for(lambda: len(fake_openai.chat_requests()) > 0, 20)
        worker_a.send(signal.SIGKILL)
        killed = time.monotonic()
        assert await worker_a.exited(5) == -signal.SIGKILL
        fake_openai.set_latency(0)
        assert (await article_row(fast, article_id))["processing_status"] == "processing"

        async with running_worker(fast):
            row = await wait_for_status(fast, article_id, TERMINAL, timeout=30)
        recovered = time.monotonic() - killed

    assert row["processing_status"] == "completed", row
    assert_one_cost_model(row["parts"])
    assert row["analysis_attempt"] == 1  # arq ran the same job again; the sweep had no part
    # arq's in-progress key (job timeout + 10 s = 13 s, set when A took the job) kept the
    # job from running twice at once, and bounds the recovery.
    in_progress_ttl = fast.job_timeout_seconds + 10
    assert in_progress_ttl - 4 < recovered < in_progress_ttl + 4, recovered


async def test_sigterm_finishes_short_jobs_and_hands_long_ones_back(
    fast: Settings, fake_openai: FakeOpenAI, log_dir: Path
) -> None:
    # A 20 s job timeout keeps the in-progress key 30 s: a handed-back job that completes
    # long before that did not wait for the key to expire.
    settings = changed(fast, job_timeout_seconds=20, worker_shutdown_grace_seconds=2)
    fake_openai.set_latency(0.3)
    fake_openai.script("hang", times=1, seconds=60)  # the first call never answers
    async with (
        running("worker", settings, log_dir) as worker,
        running_stack(settings, worker=False) as stack,
    ):
        await worker.ready()
        long_id = await submit(stack, spec(), name="Long")
        await wait_for(lambda: len(fake_openai.chat_requests()) == 1, 20)
        short_id = await submit(stack, spec(), name="Short")
        await wait_for(lambda: len(fake_openai.chat_requests()) == 2, 20)

        worker.send(signal.SIGTERM)
        stopped = time.monotonic()
        assert await worker.exited(settings.worker_shutdown_grace_seconds + 8) == 0
        assert (await article_row(settings, short_id))["processing_status"] == "completed"
        assert (await article_row(settings, long_id))["processing_status"] == "processing"
        assert "handing 1 unfinished job(s) back to the queue" in worker.log

        async with running_worker(settings):
            row = await wait_for_status(settings, long_id, TERMINAL, timeout=15)
        handed_over = time.monotonic() - stopped

    assert row["processing_status"] == "completed", row
    assert_one_cost_model(row["parts"])
    assert handed_over < settings.job_timeout_seconds + 10 - 10, handed_over


async def _resource_tracker(pid: int) -> psutil.Process:
    """multiprocessing's resource tracker that the worker started for its isolated pool's
    semaphores (it reports any the worker did not release, once the worker is gone)."""
    async with asyncio.timeout(30):
        while True:
            for child in psutil.Process(pid).children():
                if "resource_tracker" in " ".join(child.cmdline()):
                    return child
            await asyncio.sleep(0.05)


async def test_a_second_stop_signal_while_stopping_leaves_no_semaphores_behind(
    settings: Settings, log_dir: Path
) -> None:
    """Ctrl-C under `cms dev`: the terminal's SIGINT reaches the worker, and `cms dev`
    sends it SIGTERM right after. That second signal must not kill the worker before it
    has closed its isolated processes ("resource_tracker: There appear to be 2 leaked
    semaphore objects")."""
    async with running("worker", settings, log_dir) as worker:
        await worker.ready()
        tracker = await _resource_tracker(worker.process.pid)
        worker.send(signal.SIGINT)
        await worker.wait_for_log("stopping:")
        worker.send(signal.SIGTERM)
        assert await worker.exited(30) == 0, worker.log[-3000:]
        assert wait_gone([tracker.pid], timeout=10) == []
    assert "leaked" not in worker.log, worker.log[-3000:]
