"""Uploading 500 articles: through analyzeArticles (batches of CMS_BATCH_MAX_ITEMS) and, for
comparison, one analyzeArticle call each; articles per second accepted, and the API
process's resident memory (RSS) while it takes them.

    CMS_TEST_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/test \\
    CMS_TEST_REDIS_URL=redis://127.0.0.1:6379/0 uv run python benchmarks/batch_upload.py

It needs both servers (admin URL for PostgreSQL: it creates a scratch database, migrates it
and drops it afterwards; a Redis prefix of its own, deleted afterwards). The API runs as
`cms api`, a child process, with the rate limit off and no worker: what is measured is
the upload, validation, one commit and the enqueue, not the analyses. The files are the
corpus's (text, Markdown, CSV, JSON, HTML, PDF, DOCX: 0.4-45 KB), cycled.

Figures (2 shared cores, PostgreSQL and Redis on loopback, five runs; API RSS 161 MiB at
start):

    500 articles (5.1 MB)       analyzeArticles, batches of 100   358-669 articles/s, RSS +1 MiB
                                analyzeArticle, one call each      37-74 articles/s, RSS +3 MiB
    one batch of 100 files of 1 MiB (100 MiB)                      1.2-2.0 s, RSS peak +207 MiB

Every file of a batch is held in memory until the commit (read, then inserted): a request
costs about twice its files' bytes at its peak, so CMS_BATCH_MAX_BYTES bounds the API's
memory per concurrent batch upload.
"""

import asyncio
import json
import os
import socket
import sys
import time
import uuid
from pathlib import Path

import asyncpg
import httpx
import psutil
from redis.asyncio import Redis

from cost_model_service.urls import libpq_url, with_database

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "tests" / "data" / "specs"
ARTICLES, BATCH = 500, 100
TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".csv": "text/csv",
    ".json": "application/json",
    ".html": "text/html",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
HEADERS = {"Apollo-Require-Preflight": "true"}
SINGLE = (
    "mutation ($name: String!, $spec: Upload!) { analyzeArticle(articleName: $name, "
    "productSpecification: $spec) { id } }"
)
MANY = "mutation ($items: [ArticleUploadInput!]!) { analyzeArticles(items: $items) { total } }"


def corpus() -> list[tuple[str, bytes, str]]:
    files = sorted(
        p
        for p in SPECS.iterdir()
        if p.suffix in TYPES and p.stat().st_size and p.name != "labels.json"
    )
    return [
        (
            files[n % len(files)].name,
            files[n % len(files)].read_bytes(),
            TYPES[files[n % len(files)].suffix],
        )
        for n in range(ARTICLES)
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RssSampler:
    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self.task: asyncio.Task[None] | None = None

    def now(self) -> int:
        return self.process.memory_info().rss

    async def _run(self) -> None:
        while True:
            self.peak = max(self.peak, self.now())
            await asyncio.sleep(0.02)

    def __enter__(self) -> "RssSampler":
        self.peak = self.now()
        self.task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *_: object) -> None:
        assert self.task is not None
        self.task.cancel()


async def singles(http: httpx.AsyncClient, url: str, files: list) -> None:
    for n, file in enumerate(files):
        operations = {"query": SINGLE, "variables": {"name": f"single {n}", "spec": None}}
        response = await http.post(
            url,
            headers=HEADERS,
            files={"0": file},
            data={
                "operations": json.dumps(operations),
                "map": json.dumps({"0": ["variables.spec"]}),
            },
        )
        assert "errors" not in response.json(), response.text


async def batches(http: httpx.AsyncClient, url: str, files: list) -> None:
    for start in range(0, len(files), BATCH):
        chunk = files[start : start + BATCH]
        items = [
            {"articleName": f"batch {start + n}", "productSpecification": None}
            for n in range(len(chunk))
        ]
        mapping = {str(n): [f"variables.items.{n}.productSpecification"] for n in range(len(chunk))}
        response = await http.post(
            url,
            headers=HEADERS,
            files=[(str(n), file) for n, file in enumerate(chunk)],
            data={
                "operations": json.dumps({"query": MANY, "variables": {"items": items}}),
                "map": json.dumps(mapping),
            },
        )
        assert response.json()["data"]["analyzeArticles"]["total"] == len(chunk), response.text


async def main() -> None:
    admin = os.environ["CMS_TEST_DATABASE_URL"]
    redis_url = os.environ["CMS_TEST_REDIS_URL"]
    name = f"bench_batch_{uuid.uuid4().hex[:8]}"
    plain = libpq_url(admin)
    connection = await asyncpg.connect(plain)
    await connection.execute(f'CREATE DATABASE "{name}"')
    await connection.close()
    database = with_database(admin, name)
    prefix = f"benchbatch{uuid.uuid4().hex[:6]}"
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CMS_")},
        "CMS_DATABASE_URL": database,
        "CMS_REDIS_URL": redis_url,
        "CMS_REDIS_PREFIX": prefix,
        "CMS_PORT": str(port),
        "CMS_ANALYZE_RATE_LIMIT_COUNT": "0",
        "CMS_MAX_UPLOAD_BYTES": str(1024 * 1024),
    }
    cms = [sys.executable, "-m", "cost_model_service.cli"]
    api = None
    try:
        migrate = await asyncio.create_subprocess_exec(
            *cms,
            "migrate",
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        assert await migrate.wait() == 0, "cms migrate failed"
        api = await asyncio.create_subprocess_exec(
            *cms,
            "api",
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/graphql"
        async with httpx.AsyncClient(timeout=120) as http:
            for _ in range(300):
                try:
                    if (await http.get(f"http://127.0.0.1:{port}/health")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
            files = corpus()
            size = sum(len(data) for _, data, _ in files)
            started_rss = psutil.Process(api.pid).memory_info().rss
            print(
                f"{ARTICLES} articles, {size / 1e6:.1f} MB of files; API RSS at start "
                f"{started_rss / 2**20:.0f} MiB"
            )
            await batches(http, url, files[:20])  # warm up: imports, pools, the schema
            for label, send in (
                ("analyzeArticles, batches of 100", batches),
                ("analyzeArticle, one call each", singles),
            ):
                with RssSampler(api.pid) as rss:
                    before = rss.now()
                    started = time.perf_counter()
                    await send(http, url, files)
                    took = time.perf_counter() - started
                print(
                    f"  {label:34} {ARTICLES / took:7.1f} articles/s ({took:.1f} s); API RSS "
                    f"{before / 2**20:.0f} MiB before, peak {rss.peak / 2**20:.0f} MiB"
                )
            # The worst one request may be: CMS_BATCH_MAX_ITEMS files of CMS_MAX_UPLOAD_BYTES.
            large = [
                (f"large{n}.txt", b"Net weight: 1 kg\n" * (2**20 // 17), "text/plain")
                for n in range(BATCH)
            ]
            with RssSampler(api.pid) as rss:
                before = rss.now()
                started = time.perf_counter()
                await batches(http, url, large)
                took = time.perf_counter() - started
            print(
                f"  one batch of {BATCH} files of 1 MiB    {took:.1f} s; API RSS "
                f"{before / 2**20:.0f} MiB before, peak {rss.peak / 2**20:.0f} MiB"
            )
    finally:
        if api is not None:
            api.terminate()
            await asyncio.wait_for(api.wait(), 10)
        redis = Redis.from_url(redis_url)
        keys = [key async for key in redis.scan_iter(match=f"{prefix}:*")]
        if keys:
            await redis.delete(*keys)
        await redis.aclose()
        connection = await asyncpg.connect(plain)
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.close()


if __name__ == "__main__":
    asyncio.run(main())
