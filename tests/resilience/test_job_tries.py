"""arq's rules, minded: only Retry (and cancellation) is retried, an ordinary exception or
arq's job timeout ends the job for good. So the job turns a try that overruns into a
Retry itself, and writes FAILED when the tries are spent, whatever ended them."""

import uuid
from typing import Any

import pytest

from cost_model_service.config import Settings
from cost_model_service.jobs.queue import create_redis
from cost_model_service.worker.context import SERVICES, WorkerServices
from cost_model_service.worker.policy import own_deadline
from cost_model_service.worker.tasks import analyze_article
from tests.fake_openai import FakeOpenAI
from tests.helpers import changed, submit
from tests.resilience.support import article_row, wait_for_status
from tests.stack import running_stack

# Real processes (uvicorn, arq, subprocesses): not in the fast tier, `pytest -m "not slow"`.
pytestmark = pytest.mark.slow


def spec() -> bytes:
    return (
        b"Flange DN50 PN16\nMaterial: steel P250GH\nWeight: 2.9 kg\n" + f"{uuid.uuid4()}\n".encode()
    )


async def test_a_try_that_never_ends_is_retried_then_failed_with_the_reason(
    fast: Settings, fake_openai: FakeOpenAI
) -> None:
    settings = changed(fast, job_max_tries=2, job_timeout_seconds=1)
    fake_openai.script("hang", times=None, seconds=60)  # the LLM never answers
    async with running_stack(settings) as stack:
        article_id = await submit(stack, spec())
        row = await wait_for_status(settings, article_id, {"completed", "failed"}, 20)
    assert row["processing_status"] == "failed", row
    assert row["processing_error"] == (
        f"the analysis took longer than {own_deadline(settings):.0f}s (gave up after 2 tries)"
    )
    assert len(fake_openai.chat_requests()) == 2  # one call per try: each try was cut off


async def test_a_job_interrupted_on_its_last_try_ends_failed(fast: Settings) -> None:
    """arq runs a job once more after its last try was killed (its max_tries is ours + 1):
    that run writes FAILED instead of analyzing a fifth time."""
    async with running_stack(fast, worker=False) as stack:
        article_id = await submit(stack, spec())
    redis = create_redis(fast)
    services = WorkerServices.start(fast, redis)
    ctx: dict[str, Any] = {SERVICES: services, "job_try": fast.job_max_tries + 1}
    try:
        await analyze_article.run_try(ctx, article_id, 1)
    finally:
        await redis.aclose()
        await services.close()
    row = await article_row(fast, article_id)
    assert row["processing_status"] == "failed"
    assert row["processing_error"] == (
        "the analysis was interrupted (a worker stopped or "
        f"crashed) and gave up after {fast.job_max_tries} tries"
    )
