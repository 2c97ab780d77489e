"""Two `cms api` and two `cms worker` processes on one PostgreSQL and one Redis: a client
subscribed on API 1 gets every event of articles created through API 2, whichever worker
runs them. Replicas share nothing in memory; events reach every API through Redis."""

import asyncio
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from cost_model_service.config import Settings
from tests.fake_openai import FakeOpenAI
from tests.graphql_client import STAGES, SUBSCRIBE_STATUS, subscribe, upload
from tests.helpers import changed
from tests.resilience.processes import running
from tests.resilience.servers import free_port

# Real processes (uvicorn, arq, subprocesses): not in the fast tier, `pytest -m "not slow"`.
pytestmark = pytest.mark.slow

ARTICLES = 4


async def _follow(ws_url: str, article_id: str) -> list[dict[str, Any]]:
    updates = []
    async for payload in subscribe(ws_url, SUBSCRIBE_STATUS, {"id": article_id}):
        assert "errors" not in payload, payload
        updates.append(payload["data"]["articleStatus"])
    return updates


async def test_events_cross_replicas(
    fast: Settings, fake_openai: FakeOpenAI, log_dir: Path
) -> None:
    fake_openai.set_latency(0.4)  # each job takes a while: both workers get some
    apis = [changed(fast, port=free_port()) for _ in range(2)]
    worker = changed(fast, worker_max_jobs=1, job_timeout_seconds=10)
    async with (
        running("api", apis[0], log_dir, "api-1") as api_1,
        running("api", apis[1], log_dir, "api-2") as api_2,
        running("worker", worker, log_dir, "worker-1") as worker_1,
        running("worker", worker, log_dir, "worker-2") as worker_2,
    ):
        # Started together: the imports of four processes overlap.
        await asyncio.gather(*(s.ready(90) for s in (api_1, api_2, worker_1, worker_2)))
        base_1, base_2 = (f"http://127.0.0.1:{api.port}/graphql" for api in apis)
        followers, ids = [], []
        async with httpx.AsyncClient(timeout=30) as http:
            for n in range(ARTICLES):
                response = await upload(
                    http,
                    base_2,
                    name=f"Replica {n}",
                    spec=(
                        "spec.txt",
                        f"Bracket {uuid.uuid4()}\nWeight: 1.5 kg\n".encode(),
                        "text/plain",
                    ),
                )
                article_id = response.json()["data"]["analyzeArticle"]["id"]
                ids.append(article_id)
                ws_1 = base_1.replace("http://", "ws://")
                followers.append(asyncio.create_task(_follow(ws_1, article_id)))
        async with asyncio.timeout(60):
            streams = await asyncio.gather(*followers)
        logs = (worker_1.log, worker_2.log)

    for updates in streams:
        versions = [u["version"] for u in updates]
        stages = [u["processingStage"] for u in updates]
        # The first message is the state read at subscription time (the worker may have
        # started already); after it, every event, in order, none missing.
        assert versions == list(range(versions[0], versions[0] + len(versions))), updates
        assert stages == STAGES[STAGES.index(stages[0]) :], updates
        assert updates[-1]["processingStatus"] == "COMPLETED", updates
        assert versions[0] <= 3, updates  # subscribed before the first LLM answer
    ran = [
        sum(f"analyze:{article_id}:1:analyze_article" in log for article_id in ids) for log in logs
    ]
    assert sum(ran) == ARTICLES and all(ran), ran  # each ran once, both workers took part
