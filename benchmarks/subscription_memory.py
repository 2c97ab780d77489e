"""Where the bytes of a subscription go: the service and the bare strawberry app, each
under tracemalloc, a snapshot before and after opening N subscriptions (as the
subscriptions benchmark opens them), and what stayed allocated, per subscription,
grouped by file (and the largest tracebacks with --tracebacks).

    uv run python -m benchmarks subscription_memory [--clients 500] [--tracebacks 20]

Traced bytes are Python's own allocations still alive; RSS also holds the allocator's
free-but-kept blocks (fragmentation), which opening's temporaries leave behind.
"""

import argparse
import asyncio
import signal
import time
from collections import Counter
from pathlib import Path
from tracemalloc import Snapshot

from benchmarks import servers
from benchmarks.subscriptions import Bare, Project, Target
from benchmarks.ws_clients import Crowd


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/src/", "lib/python3.11/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def _wait_for(path: Path) -> None:
    while not path.exists():
        time.sleep(0.2)


async def _snapshot(target: Target, out: Path, index: int) -> Snapshot:
    path = Path(f"{out}.{index}")
    target.child.process.send_signal(signal.SIGUSR1)
    await asyncio.to_thread(_wait_for, path)
    return Snapshot.load(str(path))


async def measure(target: Target, out: Path, clients: int) -> tuple[Snapshot, Snapshot, float]:
    warm = Crowd.open(target.url, target.article_id, 1, 1)
    await warm.wait_for_version(1, 30)
    await warm.close()
    await asyncio.sleep(1)
    before = await _snapshot(target, out, 0)
    rss_before = target.child.rss()
    crowd = Crowd.open(target.url, target.article_id, clients, 100)
    await crowd.wait_for_version(1, 600)
    await asyncio.sleep(2)
    after = await _snapshot(target, out, 1)
    rss = (target.child.rss() - rss_before) / clients
    if errors := crowd.errors():
        print(f"{target.name}: {len(errors)} errors, e.g. {errors[0]}")
    await crowd.close()
    return before, after, rss


def by_file(before: Snapshot, after: Snapshot, clients: int) -> Counter[str]:
    sizes: Counter[str] = Counter()
    for stat in after.compare_to(before, "filename"):
        sizes[_short(stat.traceback[0].filename)] += stat.size_diff / clients
    return sizes


def report(results: dict[str, tuple[Snapshot, Snapshot, float]], args: argparse.Namespace) -> None:
    files = {name: by_file(b, a, args.clients) for name, (b, a, _) in results.items()}
    project, bare = files["project"], files["bare"]
    for name, sizes in files.items():
        print(
            f"{name}: traced {sum(sizes.values()) / 1024:.1f} KB per subscription, "
            f"RSS under tracing {results[name][2] / 1024:.1f} KB"
        )
    print("\nbytes per subscription by file, project - bare (|difference| >= 100 B)\n")
    print(f"{'project - bare':>14} {'project':>8} {'bare':>8}  file")
    for key in sorted(set(project) | set(bare), key=lambda k: bare[k] - project[k]):
        if abs(project[key] - bare[key]) >= 100:
            print(f"{project[key] - bare[key]:14.0f} {project[key]:8.0f} {bare[key]:8.0f}  {key}")
    before, after, _ = results["project"]
    for stat in after.compare_to(before, "traceback")[: args.tracebacks]:
        print(f"\n{stat.size_diff / args.clients:.0f} B per subscription, project:")
        for line in stat.traceback.format(limit=8, most_recent_first=True)[::2]:
            print("   ", line.strip())


async def run(args: argparse.Namespace) -> None:
    results = {}
    with servers.temporary_directory() as tmp:
        logs = Path(tmp)
        real_start = servers.start

        def traced(name: str, argv: list[str], logs: Path, env: dict[str, str], cwd: Path):  # type: ignore[no-untyped-def]
            if argv[:3] == ["-m", "cost_model_service.cli", "api"]:
                argv = ["-m", "benchmarks.traced_server", "api"]
            elif argv[:2] == ["-m", "benchmarks.bare_app"]:
                argv = ["-m", "benchmarks.traced_server", "bare", argv[2]]
            env = {**env, "TRACE_OUT": str(logs / f"{name}.snapshot")}
            return real_start(name, argv, logs, env, servers.ROOT)

        servers.start = traced  # type: ignore[assignment]
        with servers.backing_servers(logs) as (server_url, redis_url):
            async with servers.scratch_database(server_url) as database_url:
                for target in (Project(database_url, redis_url, logs), Bare(logs)):
                    async with target as started:
                        out = logs / f"{started.child.name}.snapshot"
                        results[started.name] = await measure(started, out, args.clients)
    report(results, args)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks subscription_memory")
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--tracebacks", type=int, default=0)
    asyncio.run(run(parser.parse_args(argv)))
    return 0
