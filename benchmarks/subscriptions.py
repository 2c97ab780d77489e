"""N live subscriptions on one article: the service (`cms api` + `cms worker` on real
PostgreSQL and Redis) side by side with a bare strawberry app (benchmarks/bare_app.py),
each repeat on freshly started servers.

    uv run python -m benchmarks subscriptions [--clients N] [--repeats R] [--hold S]

Per server and repeat: idle RSS (started, one subscription opened and closed), the time
to open N subscriptions (until each has its first status), RSS growth per subscription,
then (after holding them `--hold` seconds, counting the database's transactions) one
status change: the service's committed and published as a worker does it, the bare app's
through a mutation; delivery is from the publish (the service's Redis PUBLISH, the bare
app's HTTP request) to the arrival at each client. Errors: subscriptions
refused, ended or failed, and clients the event did not reach within 120 s.
"""

import argparse
import asyncio
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from redis.asyncio import Redis

from benchmarks import report, servers
from benchmarks.ws_clients import Crowd
from cost_model_service.articles import service as articles
from cost_model_service.articles.models import FileKind, ProcessingStage
from cost_model_service.articles.schemas import NewFile
from cost_model_service.articles.status import publish_status
from cost_model_service.auth.models import DEFAULT_TENANT_ID
from cost_model_service.db import create_engine, create_sessionmaker
from cost_model_service.events.publisher import RedisPublisher
from cost_model_service.redis_keys import RedisKeys

DELIVERY_TIMEOUT = 120.0


@dataclass
class Figures:
    delivery_p50: list[float] = field(default_factory=list)
    delivery_p99: list[float] = field(default_factory=list)
    open_seconds: list[float] = field(default_factory=list)
    per_subscription: list[float] = field(default_factory=list)
    idle_rss: list[float] = field(default_factory=list)
    errors: list[float] = field(default_factory=list)
    transactions_per_minute: list[float] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)


class Target:
    """How one server is started, warmed up and told to publish."""

    name: str
    child: servers.Child
    url: str
    article_id: str

    async def publish(self) -> tuple[int, float]:
        """Publishes the next version; returns it and when it was handed to the transport
        (time.monotonic())."""
        raise NotImplementedError

    async def transactions(self) -> int | None:
        return None


class Project(Target):
    name = "project"

    def __init__(self, database_url: str, redis_url: str, logs: Path) -> None:
        self.database_url, self.redis_url, self.logs = database_url, redis_url, logs
        self.prefix = f"cmsbench{uuid.uuid4().hex[:8]}"

    async def __aenter__(self) -> "Project":
        port = servers.free_port()
        # No sweep: the benchmark's article has no job and must stay PROCESSING.
        env = servers.service_env(
            self.database_url, self.redis_url, self.prefix, port, CMS_SWEEP_INTERVAL_SECONDS="0"
        )
        self.child = servers.start_cms("api", self.logs, env)
        self.worker = servers.start_cms("worker", self.logs, env)
        self.url = f"ws://127.0.0.1:{port}/graphql"
        await servers.wait_http(f"http://127.0.0.1:{port}/health", self.child)
        self.engine = create_engine(self.database_url)
        self.sessionmaker = create_sessionmaker(self.engine)
        self.redis = Redis.from_url(self.redis_url)
        async with self.sessionmaker() as session:
            self.article = articles.add_for_analysis(
                session,
                DEFAULT_TENANT_ID,
                "Benchmark",
                None,
                [NewFile(FileKind.specification, "spec.txt", "text/plain", b"Bracket\n")],
            )
            await session.commit()
        self.article_id = str(self.article.id)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.child.stop()
        self.worker.stop()
        await self.redis.aclose()
        await self.engine.dispose()
        await servers.drop_prefix(self.redis_url, self.prefix)

    async def publish(self) -> tuple[int, float]:
        async with self.sessionmaker() as session:
            article = await articles.get_for_update(session, self.article.id)
            assert article is not None
            articles.move_to(article, ProcessingStage.EXTRACTING_TEXT)
            await session.commit()  # as a worker does: committed, then published
            published = time.monotonic()
            await publish_status(RedisPublisher(self.redis), RedisKeys(self.prefix), article)
            return article.version, published

    async def transactions(self) -> int | None:
        return await servers.transactions(self.database_url)


class Bare(Target):
    name = "bare"
    version = 1

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.article_id = str(uuid.uuid4())

    async def __aenter__(self) -> "Bare":
        port = servers.free_port()
        self.child = servers.start_bare(self.logs, port)
        self.http_url = f"http://127.0.0.1:{port}/graphql"
        self.url = self.http_url.replace("http://", "ws://")
        await servers.wait_http(self.http_url, self.child)
        self.http = httpx.AsyncClient(timeout=30)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.http.aclose()
        self.child.stop()

    async def publish(self) -> tuple[int, float]:
        query = "mutation P($id: ID!) { publish(id: $id) }"
        published = time.monotonic()
        await self.http.post(
            self.http_url, json={"query": query, "variables": {"id": self.article_id}}
        )
        self.version += 1
        return self.version, published


async def measure(
    target: Target, clients: int, concurrency: int, hold: float, figures: Figures
) -> None:
    warm = Crowd.open(target.url, target.article_id, 1, 1)
    await warm.wait_for_version(1, 30)
    await warm.close()
    await asyncio.sleep(1)
    idle = target.child.rss()
    started = time.monotonic()
    crowd = Crowd.open(target.url, target.article_id, clients, concurrency)
    await crowd.wait_for_version(1, 600)
    figures.open_seconds.append(time.monotonic() - started)
    await asyncio.sleep(1)
    figures.idle_rss.append(idle)
    figures.per_subscription.append((target.child.rss() - idle) / clients)
    if hold:
        # PostgreSQL's statistics arrive late (an idle backend reports within ~10 s):
        # let the opening's reads land first.
        await asyncio.sleep(11)
        before = await target.transactions()
        await asyncio.sleep(hold)
        after = await target.transactions()
        if before is not None and after is not None:
            figures.transactions_per_minute.append((after - before) * 60 / hold)
    version, published = await target.publish()
    await crowd.wait_for_version(version, DELIVERY_TIMEOUT)
    latencies = [
        s.arrivals[version] - published for s in crowd.subscribers if version in s.arrivals
    ]
    failures = crowd.errors()
    missing = sum(1 for s in crowd.subscribers if version not in s.arrivals and not s.error)
    figures.delivery_p50.append(report.percentile(latencies, 50))
    figures.delivery_p99.append(report.percentile(latencies, 99))
    figures.errors.append(len(failures) + missing)
    figures.samples.extend(sorted(set(failures))[:3])
    await crowd.close()


def print_table(project: Figures, bare: Figures, clients: int, repeats: int, hold: float) -> None:
    f = report
    rows = [
        (
            f"{clients:,} clients on one article: delivery p50",
            f.spread(project.delivery_p50, f.ms),
            f.spread(bare.delivery_p50, f.ms),
            f.ratio(project.delivery_p50, bare.delivery_p50),
        ),
        (
            "same: delivery p99",
            f.spread(project.delivery_p99, f.ms),
            f.spread(bare.delivery_p99, f.ms),
            f.ratio(project.delivery_p99, bare.delivery_p99),
        ),
        (
            f"time to open {clients:,} subscriptions",
            f.spread(project.open_seconds, f.secs),
            f.spread(bare.open_seconds, f.secs),
            f.ratio(project.open_seconds, bare.open_seconds),
        ),
        (
            "memory per subscription (RSS delta / N)",
            f.spread(project.per_subscription, f.kib),
            f.spread(bare.per_subscription, f.kib),
            f.ratio(project.per_subscription, bare.per_subscription),
        ),
        (
            "idle API RSS",
            f.spread(project.idle_rss, f.mib),
            f.spread(bare.idle_rss, f.mib),
            f.ratio(project.idle_rss, bare.idle_rss),
        ),
        (
            "errors (refused, ended, event not received)",
            f.spread(project.errors, f.count),
            f.spread(bare.errors, f.count),
            "-",
        ),
    ]
    if hold:
        rows.append(
            (
                f"PostgreSQL transactions per minute while holding {hold:g} s",
                f.spread(project.transactions_per_minute, f.count),
                "-",
                "-",
            )
        )
    print(
        f"\n{clients:,} subscriptions, {repeats} repeat(s), min / median / max; "
        "ratio of the medians\n"
    )
    print(f.table(rows, ("figure", "project", "bare strawberry", "project / bare")))
    for name, figures in (("project", project), ("bare", bare)):
        for sample in figures.samples[:5]:
            print(f"  {name} error: {sample}")


async def run(args: argparse.Namespace) -> None:
    project, bare = Figures(), Figures()
    with servers.temporary_directory() as tmp:
        logs = Path(tmp)
        with servers.backing_servers(logs) as (server_url, redis_url):
            async with servers.scratch_database(server_url) as database_url:
                for repeat in range(args.repeats):
                    print(f"repeat {repeat + 1}/{args.repeats}: project", flush=True)
                    async with Project(database_url, redis_url, logs) as target:
                        await measure(
                            target, args.clients, args.open_concurrency, args.hold, project
                        )
                    print(f"repeat {repeat + 1}/{args.repeats}: bare", flush=True)
                    async with Bare(logs) as target:
                        await measure(target, args.clients, args.open_concurrency, args.hold, bare)
        print_table(project, bare, args.clients, args.repeats, args.hold)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks subscriptions",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--hold", type=float, default=0.0, help="seconds to hold the subscriptions before the event"
    )
    parser.add_argument(
        "--open-concurrency", type=int, default=100, help="handshakes in flight while opening"
    )
    args = parser.parse_args(argv)
    asyncio.run(run(args))
    return 0
