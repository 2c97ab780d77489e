"""The queue's gauges, read from the real Redis at scrape time."""

import asyncio

from arq.connections import ArqRedis
from arq.constants import in_progress_key_prefix
from prometheus_client import CollectorRegistry

from cost_model_service.config import Settings
from cost_model_service.observability.queue_metrics import QueueCollector


def _scrape(collector: QueueCollector) -> dict[tuple[str, str], float]:
    registry = CollectorRegistry()
    registry.register(collector)
    return {
        (sample.name, sample.labels.get("state", "")): sample.value
        for family in registry.collect()
        for sample in family.samples
    }


async def test_depth_by_state_and_the_oldest_waiting_age(
    settings: Settings, queue: ArqRedis
) -> None:
    collector = QueueCollector(settings.redis_url or "", settings.redis_keys.queue)
    try:
        empty = _scrape(collector)
        assert empty[("cms_queue_up", "")] == 1
        assert empty[("cms_queue_depth", "waiting")] == 0
        assert empty[("cms_queue_oldest_age_seconds", "")] == 0
        queue_name = settings.redis_keys.queue
        for n in range(3):
            await queue.enqueue_job(
                "analyze_article", f"a{n}", 1, _job_id=f"{queue_name}-j{n}", _queue_name=queue_name
            )
        await queue.enqueue_job(
            "analyze_article",
            "later",
            1,
            _job_id=f"{queue_name}-later",
            _queue_name=queue_name,
            _defer_by=600,
        )
        # The oldest job is running (a worker holds its in-progress key).
        await queue.set(in_progress_key_prefix + f"{queue_name}-j0", b"1", ex=60)
        await asyncio.sleep(0.05)
        seen = _scrape(collector)
        assert seen[("cms_queue_depth", "waiting")] == 2
        assert seen[("cms_queue_depth", "running")] == 1
        assert seen[("cms_queue_depth", "deferred")] == 1
        assert 0.04 <= seen[("cms_queue_oldest_age_seconds", "")] < 600
    finally:
        collector.close()


def test_redis_away_is_reported_not_raised(settings: Settings) -> None:
    collector = QueueCollector("redis://127.0.0.1:1/0", settings.redis_keys.queue)
    try:
        assert _scrape(collector) == {("cms_queue_up", ""): 0}
    finally:
        collector.close()
