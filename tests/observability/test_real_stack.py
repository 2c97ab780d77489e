"""`cms api` and `cms worker` as real processes: an analysis moves the counters on both
scrape targets, and with CMS_LOG_FORMAT=json every line is JSON carrying the request's or
the job's ids."""

import asyncio
import json
import socket
import uuid
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.cli_processes import run_cms, start_cms, stop, wait_http
from tests.fake_openai import FakeOpenAI
from tests.graphql_client import SUBSCRIBE_STATUS, post, subscribe, upload
from tests.helpers import STATUS
from tests.resilience.servers import free_port

pytestmark = pytest.mark.slow

SPEC = b"Bracket, steel S235, zinc plated. Weight: 120 g per piece.\n"
Samples = dict[tuple[str, frozenset], float]


async def scrape(http: httpx.AsyncClient, url: str) -> Samples:
    response = await http.get(url)
    assert response.status_code == 200, response.text
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def total(samples: Samples, name: str, **labels: str) -> float:
    """The sum over the series of `name` that have these labels."""
    wanted = set(labels.items())
    return sum(v for (n, series), v in samples.items() if n == name and wanted <= series)


def json_lines(log: Path) -> list[dict]:
    lines = [line for line in log.read_text().splitlines() if line.strip()]
    return [json.loads(line) for line in lines]  # every line parses, or the test fails


async def finished(http: httpx.AsyncClient, url: str, article_id: str) -> dict:
    async with asyncio.timeout(60):
        while True:
            status = (await post(http, url, STATUS, id=article_id))["data"]["articleStatus"]
            if status["processingStatus"] in ("COMPLETED", "FAILED"):
                return status
            await asyncio.sleep(0.1)


async def test_an_analysis_moves_the_counters_and_logs_carry_ids(
    tmp_path: Path, database_url: str, redis_url: str
) -> None:
    api_port, worker_port = free_port(), free_port()
    api_log, worker_log = tmp_path / "api.log", tmp_path / "worker.log"
    with FakeOpenAI(latency=0.3) as fake:
        env = {
            "CMS_DATABASE_URL": database_url,
            "CMS_REDIS_URL": redis_url,
            "CMS_REDIS_PREFIX": f"cmstest-obs-{uuid.uuid4().hex[:8]}",
            "CMS_SWEEP_INTERVAL_SECONDS": "0",
            "CMS_LOG_FORMAT": "json",
            "CMS_ANALYZER": "openai",
            "CMS_OPENAI_API_KEY": "test-key",
            "CMS_OPENAI_BASE_URL": fake.base_url,
            "CMS_OPENAI_MAX_RETRIES": "0",
        }
        api = start_cms("api", "--port", str(api_port), cwd=tmp_path, log=api_log, **env)
        worker = start_cms(
            "worker", cwd=tmp_path, log=worker_log, CMS_WORKER_METRICS_PORT=str(worker_port), **env
        )
        base, worker_metrics = f"http://127.0.0.1:{api_port}", f"http://127.0.0.1:{worker_port}"
        try:
            wait_http(f"{base}/ready", api, api_log)
            wait_http(f"{worker_metrics}/metrics", worker, worker_log)
            async with httpx.AsyncClient(timeout=30) as http:
                api_before = await scrape(http, f"{base}/metrics")
                worker_before = await scrape(http, f"{worker_metrics}/metrics")
                response = await upload(
                    http,
                    f"{base}/graphql",
                    name="Bracket",
                    spec=("spec.txt", SPEC, "text/plain"),
                    headers={"Apollo-Require-Preflight": "true", "X-Request-ID": "obs-test-upload"},
                )
                first = response.json()["data"]["analyzeArticle"]["id"]
                live: Samples = {}
                async for payload in subscribe(
                    f"ws://127.0.0.1:{api_port}/graphql", SUBSCRIBE_STATUS, {"id": first}
                ):
                    live = live or await scrape(http, f"{base}/metrics")
                    assert "errors" not in payload, payload
                assert (await finished(http, f"{base}/graphql", first))[
                    "processingStatus"
                ] == "COMPLETED"
                # The same specification again: the LLM's answers come from the cache.
                response = await upload(
                    http,
                    f"{base}/graphql",
                    name="Bracket again",
                    spec=("spec.txt", SPEC, "text/plain"),
                )
                second = response.json()["data"]["analyzeArticle"]["id"]
                assert (await finished(http, f"{base}/graphql", second))[
                    "processingStatus"
                ] == "COMPLETED"
                api_after = await scrape(http, f"{base}/metrics")
                worker_after = await scrape(http, f"{worker_metrics}/metrics")
        finally:
            stop(worker)
            stop(api)

    def api_moved(name: str, **labels: str) -> float:
        return total(api_after, name, **labels) - total(api_before, name, **labels)

    def worker_moved(name: str, **labels: str) -> float:
        return total(worker_after, name, **labels) - total(worker_before, name, **labels)

    assert (
        api_moved(
            "cms_graphql_operations_total",
            operation="analyzeArticle",
            type="mutation",
            outcome="ok",
        )
        == 2
    )
    assert (
        api_moved(
            "cms_graphql_operations_total",
            operation="articleStatus",
            type="subscription",
            outcome="ok",
        )
        == 1
    )
    assert api_moved("cms_upload_bytes_total", kind="specification") == 2 * len(SPEC)
    assert api_moved("cms_uploads_total", kind="specification") == 2
    assert total(live, "cms_websocket_connections") == 1
    assert total(live, "cms_subscriptions_active") == 1
    assert api_moved("cms_events_delivered_total") >= 1
    assert total(api_after, "cms_queue_up") == 1

    assert worker_moved("cms_analyses_total", outcome="completed") == 2
    assert worker_moved("cms_job_tries_total", job="analyze_article") == 2
    assert worker_moved("cms_job_retries_total") == 0
    for stage in ("extracting_text", "extracting_metadata", "generating_cost_model", "saving"):
        assert worker_moved("cms_analysis_stage_duration_seconds_count", stage=stage) == 2
    assert worker_moved("cms_events_published_total") >= 10  # five moves per analysis
    assert worker_moved("cms_llm_calls_total", model="gpt-4o-mini", outcome="ok") >= 2
    assert worker_moved("cms_llm_tokens_total", kind="prompt") > 0
    assert worker_moved("cms_llm_cache_lookups_total", result="miss") >= 2
    assert worker_moved("cms_llm_cache_lookups_total", result="hit") >= 2
    assert total(worker_after, "cms_queue_depth", state="waiting") == 0

    api_lines = json_lines(api_log)
    upload_lines = [line for line in api_lines if line.get("request_id") == "obs-test-upload"]
    assert any(
        line["logger"] == "uvicorn.access" and "POST /graphql" in line["message"]
        for line in upload_lines
    ), api_lines
    assert all({"timestamp", "level", "logger", "message"} <= set(line) for line in api_lines)
    worker_lines = json_lines(worker_log)
    job_lines = [line for line in worker_lines if line.get("article_id") == first]
    assert any(line["logger"] == "arq.worker" and "→" in line["message"] for line in job_lines)
    assert all(line["job_try"] == 1 for line in job_lines)


def test_a_busy_worker_metrics_port_is_one_line_and_exit_code_2(
    tmp_path: Path, database_url: str, redis_url: str
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cms(
            "worker",
            cwd=tmp_path,
            CMS_DATABASE_URL=database_url,
            CMS_REDIS_URL=redis_url,
            CMS_WORKER_METRICS_PORT=str(port),
        )
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"cms worker: metrics port: 127.0.0.1:{port} is already in use: stop what listens "
        "there, or choose another port (CMS_WORKER_METRICS_PORT)"
    )
