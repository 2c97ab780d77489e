"""The job policy on a job of its own, called as arq calls it (a ctx dict, a try number):
what is retried and after how long, what gives up at once, and with which reason."""

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest
from arq import Retry
from redis.exceptions import ConnectionError as RedisConnectionError

from cost_model_service.config import Settings
from cost_model_service.jobs.names import JobName
from cost_model_service.jobs.queue import create_redis
from cost_model_service.worker.context import SERVICES, JobContext, WorkerServices
from cost_model_service.worker.policy import Job, Verdict, job
from cost_model_service.worker.settings import worker_options
from cost_model_service.worker.tasks import JOBS
from tests.helpers import changed


class Flaky(Exception):
    """The job's own transient failure (say, an LLM rate limit)."""


class Refused(Exception):
    """The job's own permanent failure (say, an unreadable file)."""


def judge(error: Exception) -> Verdict | None:
    if isinstance(error, Flaky | Refused):
        return Verdict(str(error), transient=isinstance(error, Flaky))
    return None


class Toy:
    """A job whose body raises (or sleeps) as told, and that records its give-ups."""

    def __init__(self, failure: Exception | None = None, sleep: float = 0) -> None:
        self.failure, self.sleep = failure, sleep
        self.runs: list[tuple[int, str]] = []
        self.gave_up: list[tuple[str, str]] = []

        async def give_up(ctx: JobContext, reason: str, thing: str) -> None:
            self.gave_up.append((thing, reason))

        @job(JobName.ANALYZE_ARTICLE, noun="toy run", give_up=give_up, judge=judge)
        async def body(ctx: JobContext, thing: str) -> None:
            self.runs.append((ctx.job_try, thing))
            await asyncio.sleep(self.sleep)
            if self.failure is not None:
                raise self.failure

        self.job: Job[[str]] = body


@pytest.fixture
async def services(settings: Settings) -> AsyncIterator[WorkerServices]:
    redis = create_redis(settings)
    services = WorkerServices.start(changed(settings, job_max_tries=3), redis)
    yield services
    await services.close()
    await redis.aclose()


async def run_try(toy: Toy, services: WorkerServices, job_try: int) -> None:
    ctx: dict[Any, Any] = {SERVICES: services, "job_try": job_try, "job_id": "cms:toy:1"}
    await toy.job.run_try(ctx, "thing")


async def test_a_try_that_succeeds_is_the_end(services: WorkerServices) -> None:
    toy = Toy()
    await run_try(toy, services, 1)
    assert toy.runs == [(1, "thing")] and toy.gave_up == []


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (Flaky("rate limited"), "rate limited"),
        (ConnectionRefusedError(), "the database was unavailable"),
        (RedisConnectionError(), "Redis was unavailable"),
    ],
)
async def test_transient_failures_back_off_then_give_up_with_the_last_reason(
    services: WorkerServices, failure: Exception, reason: str
) -> None:
    toy = Toy(failure)
    for job_try, defer_ms in ((1, 100), (2, 200)):  # job_retry_seconds 0.1, doubling
        with pytest.raises(Retry) as retry:
            await run_try(toy, services, job_try)
        assert retry.value.defer_score == defer_ms
    assert toy.gave_up == []
    await run_try(toy, services, 3)
    assert toy.gave_up == [("thing", f"{reason} (gave up after 3 tries)")]


async def test_a_permanent_failure_gives_up_at_once(services: WorkerServices) -> None:
    toy = Toy(Refused("the file is encrypted"))
    await run_try(toy, services, 1)
    assert toy.gave_up == [("thing", "the file is encrypted")]


async def test_a_bug_gives_up_at_once_and_logs_its_traceback(
    services: WorkerServices, caplog: pytest.LogCaptureFixture
) -> None:
    toy = Toy(KeyError("oops"))
    with caplog.at_level(logging.ERROR):
        await run_try(toy, services, 1)
    assert toy.gave_up == [
        ("thing", "internal error during toy run (KeyError); see the worker log")
    ]
    logged = [r for r in caplog.records if "cms:toy:1 failed unexpectedly" in r.getMessage()]
    assert logged and logged[0].exc_info is not None


async def test_a_try_that_overruns_its_deadline_is_stopped_and_counts_as_transient(
    services: WorkerServices,
) -> None:
    short = WorkerServices.start(changed(services.settings, job_timeout_seconds=1), services.redis)
    toy = Toy(sleep=30)
    await run_try(toy, short, 3)  # the last try: no Retry, so the reason shows
    await short.close()
    assert toy.gave_up == [("thing", "the toy run took longer than 1s (gave up after 3 tries)")]


async def test_a_try_after_the_last_only_gives_up(services: WorkerServices) -> None:
    """arq runs a job once more when its last try was killed (its max_tries is ours + 1)."""
    toy = Toy()
    await run_try(toy, services, 4)
    assert toy.runs == []
    assert toy.gave_up == [
        (
            "thing",
            "the toy run was interrupted (a worker stopped or crashed) and gave up after 3 tries",
        )
    ]


def test_the_worker_registers_one_function_per_job_name(settings: Settings) -> None:
    assert sorted(job.name for job in JOBS) == sorted(JobName)
    functions = worker_options(settings)["functions"]
    assert {f.name for f in functions} == set(JobName)
    assert all(f.max_tries == settings.job_max_tries + 1 for f in functions)
    assert all(f.timeout_s == settings.job_timeout_seconds for f in functions)
