"""The analysis pipeline's own cost: `cms api` + `cms worker` (rules analyzer) on real
PostgreSQL and Redis.

    uv run python -m benchmarks pipeline [--articles N] [--sequential S] [--no-worker K]

1. overhead: S articles one at a time, analyzeArticle sent → COMPLETED received on the
   articleStatus subscription, minus the analyzer's own time for the same file (the same
   rules analyzer and isolated processes, timed in this process);
2. throughput: N articles, 10 in flight, one worker;
3. COMPLETED received after processingCompletedAt (the subscription's lag);
4. analyzeArticle latency with no worker running, K calls at concurrency 1.

With the throughput: CPU time per article of the API, the worker and its isolated
processes, and PostgreSQL transactions per article (a ping is one): figures that move
less with the machine's load than the wall-clock ones.
"""

import argparse
import asyncio
import json
import statistics
import time
import uuid
from datetime import datetime
from pathlib import Path

import httpx
import psutil
from websockets.asyncio.client import connect

from benchmarks import report, servers
from benchmarks.ws_clients import SUBSCRIBE
from cost_model_service.analysis import inputs
from cost_model_service.analysis.factory import build_analyzer
from cost_model_service.articles.models import ArticleFile, FileKind
from cost_model_service.config import Settings
from cost_model_service.cost_indices import service as cost_indices
from cost_model_service.db import create_engine, create_sessionmaker

SPEC = servers.ROOT / "tests" / "data" / "specs" / "angle_bracket_ab120.txt"
ANALYZE = """mutation A($name: String!, $spec: Upload!) {
  analyzeArticle(articleName: $name, productSpecification: $spec) { id } }"""


async def analyze(http: httpx.AsyncClient, url: str, spec: bytes) -> str:
    operations = {"query": ANALYZE, "variables": {"name": "Bench", "spec": None}}
    response = await http.post(
        url,
        data={"operations": json.dumps(operations), "map": '{"0": ["variables.spec"]}'},
        files={"0": ("spec.txt", spec, "text/plain")},
        headers={"Apollo-Require-Preflight": "true"},
    )
    body = response.json()
    if "errors" in body:
        raise RuntimeError(body["errors"])
    return str(body["data"]["analyzeArticle"]["id"])


async def until_finished(ws_url: str, article_id: str) -> tuple[float, dict]:
    """(monotonic arrival of the terminal status, that status)."""
    async with connect(
        ws_url,
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        ping_interval=None,
    ) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        await ws.recv()
        await ws.send(
            json.dumps(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": SUBSCRIBE, "variables": {"id": article_id}},
                }
            )
        )
        async for raw in ws:
            message = json.loads(raw)
            if message["type"] != "next":
                continue
            status = message["payload"]["data"]["articleStatus"]
            if status["processingStatus"] in ("COMPLETED", "FAILED"):
                return time.monotonic(), status
    raise RuntimeError(f"{article_id}: the subscription ended without a final status")


async def analyzer_seconds(database_url: str, spec: bytes, rounds: int = 7) -> float:
    """The median time of the analysis work itself (text, weight, cost model)."""
    settings = Settings(_env_file=None, database_url=database_url, analyzer="rules")  # type: ignore[call-arg]
    analyzer = build_analyzer(settings)
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            catalogue = await cost_indices.catalogue(session)
    finally:
        await engine.dispose()
    file = ArticleFile(
        article_id=uuid.uuid4(),
        kind=FileKind.specification,
        filename="spec.txt",
        content_type="text/plain",
        size=len(spec),
        sha256="",
        content=spec,
    )
    times = []
    for _ in range(rounds + 1):
        started = time.perf_counter()
        text = await inputs.load_text([file], settings)
        weight = await analyzer.extract_weight(text, [])
        await analyzer.generate_cost_model(text, catalogue, weight.grams, [])
        times.append(time.perf_counter() - started)
    return statistics.median(times[1:])  # the first warms the isolated processes up


def _cpu(child: servers.Child) -> tuple[float, float]:
    """(CPU seconds of the process, of its children alive now: the isolated processes)."""
    process = psutil.Process(child.process.pid)
    own = sum(process.cpu_times()[:2])
    # A recycled process's time is lost, a few of 200 tasks: close enough.
    children = sum(sum(c.cpu_times()[:2]) for c in process.children(recursive=True))
    return own, children


def _wall(monotonic: float) -> float:
    return monotonic - time.monotonic() + time.time()


def _lag(arrived: float, status: dict) -> float:
    completed = datetime.fromisoformat(status["processingCompletedAt"]).timestamp()
    return _wall(arrived) - completed


def _phases(sent: float, status: dict) -> tuple[float, float]:
    """(sent -> processingStartedAt, processingStartedAt -> processingCompletedAt)."""
    started = datetime.fromisoformat(status["processingStartedAt"]).timestamp()
    completed = datetime.fromisoformat(status["processingCompletedAt"]).timestamp()
    return started - _wall(sent), completed - started


async def run(args: argparse.Namespace) -> None:
    spec = SPEC.read_bytes()
    rows: list[tuple[str, str, str, str]] = []
    with servers.temporary_directory() as tmp:
        logs = Path(tmp)
        with servers.backing_servers(logs) as (server_url, redis_url):
            async with servers.scratch_database(server_url) as database_url:
                analyzer_time = await analyzer_seconds(database_url, spec)
                prefix = f"cmsbench{uuid.uuid4().hex[:8]}"
                port = servers.free_port()
                env = servers.service_env(database_url, redis_url, prefix, port)
                api = servers.start_cms("api", logs, env)
                worker = servers.start_cms("worker", logs, env)
                http = httpx.AsyncClient(timeout=60)
                url = f"http://127.0.0.1:{port}/graphql"
                ws_url = url.replace("http://", "ws://")
                try:
                    await servers.wait_http(f"http://127.0.0.1:{port}/ready", api)
                    await until_finished(ws_url, await analyze(http, url, spec))  # warm-up
                    totals, lags, waits, runs = [], [], [], []
                    for _ in range(args.sequential):
                        started = time.monotonic()
                        article_id = await analyze(http, url, spec)
                        arrived, status = await until_finished(ws_url, article_id)
                        totals.append(arrived - started)
                        lags.append(_lag(arrived, status))
                        wait, ran = _phases(started, status)
                        waits.append(wait)
                        runs.append(ran)
                    overhead = [total - analyzer_time for total in totals]
                    rows.append(
                        (
                            "pipeline, one article at a time: submit -> COMPLETED "
                            "received minus analyzer time, p50 / p99",
                            f"{report.ms(report.percentile(overhead, 50))} / "
                            f"{report.ms(report.percentile(overhead, 99))}",
                            f"analyzer {report.ms(analyzer_time)}",
                            f"{args.sequential} articles",
                        )
                    )
                    rows.append(
                        (
                            "of which: submit -> processingStartedAt, p50",
                            report.ms(report.percentile(waits, 50)),
                            "",
                            "",
                        )
                    )
                    rows.append(
                        (
                            "of which: processingStartedAt -> processingCompletedAt, p50",
                            report.ms(report.percentile(runs, 50)),
                            f"analyzer {report.ms(analyzer_time)}",
                            "",
                        )
                    )
                    rows.append(
                        (
                            "COMPLETED received after processingCompletedAt, p50",
                            report.ms(report.percentile(lags, 50)),
                            "",
                            "",
                        )
                    )
                    queue = iter(range(args.articles))

                    async def submitter() -> None:
                        for _ in queue:
                            await until_finished(ws_url, await analyze(http, url, spec))

                    cpu_before = _cpu(api), _cpu(worker)
                    transactions = await servers.transactions(database_url)
                    started = time.monotonic()
                    await asyncio.gather(*(submitter() for _ in range(10)))
                    elapsed = time.monotonic() - started
                    cpu_after = _cpu(api), _cpu(worker)
                    await asyncio.sleep(1.5)  # PostgreSQL flushes its statistics each second
                    transactions = await servers.transactions(database_url) - transactions
                    rows.append(
                        (
                            f"{args.articles} articles, 10 in flight, 1 worker, rules "
                            "analyzer: throughput",
                            f"{args.articles / elapsed:.1f} articles/s",
                            "",
                            f"{elapsed:.1f} s",
                        )
                    )
                    per = 1000 / args.articles
                    (api_before, _), (worker_before, pool_before) = cpu_before
                    (api_after, _), (worker_after, pool_after) = cpu_after
                    rows.append(
                        (
                            "same: CPU per article, API / worker / isolated processes",
                            f"{(api_after - api_before) * per:.1f} / "
                            f"{(worker_after - worker_before) * per:.1f} / "
                            f"{(pool_after - pool_before) * per:.1f} ms",
                            "",
                            "",
                        )
                    )
                    rows.append(
                        (
                            "same: PostgreSQL transactions per article (API and worker)",
                            f"{transactions / args.articles:.1f}",
                            "",
                            "",
                        )
                    )
                    worker.stop()
                    latencies = []
                    for _ in range(args.no_worker):
                        started = time.monotonic()
                        await analyze(http, url, spec)
                        latencies.append(time.monotonic() - started)
                    rows.append(
                        (
                            "analyzeArticle latency, no worker running, p50 / p99",
                            f"{report.ms(report.percentile(latencies, 50))} / "
                            f"{report.ms(report.percentile(latencies, 99))}",
                            "",
                            f"{args.no_worker} calls",
                        )
                    )
                finally:
                    await http.aclose()
                    api.stop()
                    worker.stop()
                    await servers.drop_prefix(redis_url, prefix)
    print(f"\npipeline, {SPEC.name} ({len(spec)} bytes)\n")
    print(report.table(rows, ("figure", "project", "reference", "sample")))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks pipeline",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--articles", type=int, default=200, help="for the throughput")
    parser.add_argument("--sequential", type=int, default=20, help="one at a time")
    parser.add_argument("--no-worker", type=int, default=50, help="analyzeArticle calls")
    main_args = parser.parse_args(argv)
    asyncio.run(run(main_args))
    return 0
