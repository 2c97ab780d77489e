"""The sweep: PROCESSING articles whose job is gone are enqueued again, or FAILED after the
deadline; articles whose job is alive, or that moved recently, are left alone."""

import uuid
from typing import Any

import pytest
from arq.constants import job_key_prefix
from redis.asyncio import Redis

from cost_model_service.analysis.submission import analysis_job_id, analysis_job_is_live
from cost_model_service.articles import service as articles
from cost_model_service.articles.models import FileKind, ProcessingStage, ProcessingStatus
from cost_model_service.articles.schemas import NewFile
from cost_model_service.auth.models import DEFAULT_TENANT_ID
from cost_model_service.batches.service import NewItem
from cost_model_service.batches.submission import submit_batch
from cost_model_service.config import Settings
from cost_model_service.worker.context import services_of
from cost_model_service.worker.sweep import deadline_reason, sweep
from tests.helpers import changed, submit
from tests.resilience.servers import RestartableValkey
from tests.resilience.support import article_row, execute, wait_for_status
from tests.stack import Stack, running_stack, running_worker

# Real processes (uvicorn, arq, subprocesses): not in the fast tier, `pytest -m "not slow"`.
pytestmark = pytest.mark.slow


def spec() -> bytes:
    return (
        b"Hex bolt M20x90\nMaterial: steel 8.8, zinc plated\nWeight: 250 g\n"
        + f"{uuid.uuid4()}\n".encode()
    )


def stale(settings: Settings) -> float:
    """Seconds since its last move after which an article without a job counts as lost."""
    return settings.job_timeout_seconds + 10 + 60


async def _age(settings: Settings, article_id: str, *, moved: float, started: float = 0) -> None:
    """Dates an article back (seconds): the sweep reads only timestamps, so the test need
    not wait job timeout + 10 s for it to count as stale."""
    await execute(
        settings,
        "UPDATE article SET updated_at = now() - make_interval(secs => :moved),"
        " processing_started_at = now() - make_interval(secs => :started) WHERE id = :id",
        moved=moved,
        started=started,
        id=uuid.UUID(article_id),
    )


async def test_a_job_lost_in_a_redis_flush_is_enqueued_again(
    settings: Settings, valkey: RestartableValkey
) -> None:
    settings = changed(settings, redis_url=valkey.url, sweep_interval_seconds=1)
    async with running_stack(settings, worker=False) as stack:
        article_id = await submit(stack, spec())
        redis = Redis.from_url(valkey.url)
        try:
            await redis.flushall()  # the queued job is gone; PostgreSQL still says PROCESSING
        finally:
            await redis.aclose()
        await _age(settings, article_id, moved=stale(settings))
        async with running_worker(settings):  # its sweep runs at start and every second
            row = await wait_for_status(settings, article_id, {"completed", "failed"}, 15)
    assert row["processing_status"] == "completed", row
    assert row["analysis_attempt"] == 2  # a new attempt: a stray old job would be skipped


async def _submit_and_lose(stack: Stack, ctx: dict[str, Any], *, lose: bool) -> str:
    """Submits through the API (no worker runs), then loses the queued job if asked."""
    article_id = await submit(stack, spec())
    if lose:
        settings = services_of(ctx).settings
        job_id = analysis_job_id(settings, uuid.UUID(article_id), 1)
        await ctx["redis"].delete(job_key_prefix + job_id)
        await ctx["redis"].zrem(settings.redis_keys.queue, job_id)
    return article_id


async def test_sweep_requeues_lost_jobs_fails_them_after_the_deadline_and_spares_the_rest(
    settings: Settings, ctx: dict[str, Any]
) -> None:
    async with running_stack(settings, worker=False) as stack:
        old = await _submit_and_lose(stack, ctx, lose=True)
        recent = await _submit_and_lose(stack, ctx, lose=True)
        live = await _submit_and_lose(stack, ctx, lose=False)
        fresh = await _submit_and_lose(stack, ctx, lose=True)
    deadline = settings.processing_deadline_seconds + 60
    await _age(settings, old, moved=stale(settings), started=deadline)
    await _age(settings, recent, moved=stale(settings), started=stale(settings))
    await _age(settings, live, moved=stale(settings), started=stale(settings))
    await _age(settings, fresh, moved=stale(settings) - 70, started=stale(settings))
    # `fresh` moved 10 s before it would count as lost (a job may still be on its way).

    assert {k: v for k, v in (await sweep(ctx)).items() if k in ("requeued", "failed")} == {
        "requeued": 1,
        "failed": 1,
    }
    rows = {
        name: await article_row(settings, article_id)
        for name, article_id in {"old": old, "recent": recent, "live": live, "fresh": fresh}.items()
    }
    assert rows["old"]["processing_status"] == "failed"
    assert rows["old"]["processing_error"] == deadline_reason(settings)
    assert rows["recent"]["processing_status"] == "processing"
    assert rows["recent"]["analysis_attempt"] == 2
    assert await analysis_job_is_live(ctx["redis"], settings, uuid.UUID(recent), 2)
    for name in ("live", "fresh"):
        assert rows[name]["analysis_attempt"] == 1 and rows[name]["version"] == 1, rows[name]
    # The requeued article moved just now: the next sweep leaves it to its new job.
    assert {k: v for k, v in (await sweep(ctx)).items() if k in ("requeued", "failed")} == {
        "requeued": 0,
        "failed": 0,
    }


async def test_sweep_lets_a_stalled_batch_go_on(settings: Settings, ctx: dict[str, Any]) -> None:
    """A worker stopped between a batch article's end and letting the next one in."""
    services = services_of(ctx)
    one_at_a_time = changed(services.settings, batch_window=1)
    spec_file = NewFile(FileKind.specification, "spec.txt", "text/plain", b"Net weight: 2 kg")
    async with services.sessionmaker() as session:
        batch = await submit_batch(
            session,
            ctx["redis"],
            one_at_a_time,
            DEFAULT_TENANT_ID,
            [NewItem(f"part {n}", None, [spec_file]) for n in range(2)],
        )
        rows = await articles.list_page(session, DEFAULT_TENANT_ID, first=2, batch_id=batch.id)
        first, second = rows[0]
        articles.move_to(first, ProcessingStage.DONE, status=ProcessingStatus.COMPLETED)
        await session.commit()
    assert (await sweep(ctx))["batches"] >= 1
    row = await article_row(settings, str(second.id))
    assert row["processing_status"] == "processing"
    assert await analysis_job_is_live(ctx["redis"], settings, second.id, 1)
