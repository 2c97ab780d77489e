"""How long the worst GraphQL documents within the default limits take to validate, and
how long the event loop goes without a turn meanwhile (validation runs in a thread).

    uv run python benchmarks/graphql_worst_documents.py

In process, against the real schema and its extensions (no server). The documents are
those tests/hostile/test_graphql_input.py replays; before issue 8 the fragment chain
alone (n=22, 898 characters) took 12 s on the event loop, and n=26 minutes.
"""

import asyncio
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cost_model_service.config import Settings  # noqa: E402
from cost_model_service.graphql.schema import build_schema  # noqa: E402
from tests.hostile.test_graphql_input import WORST, fill, tokens  # noqa: E402

ROUNDS = 5


async def loop_lag(stop: asyncio.Event) -> float:
    worst = 0.0
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(0.005)
        worst = max(worst, time.perf_counter() - started - 0.005)
    return worst


async def main() -> None:
    schema = build_schema(Settings.model_construct())
    await schema.execute("{ __typename }")  # warm up
    gc.collect()
    gc.freeze()  # as the app does once started (heap.freeze_startup_objects)
    print(f"{'document':50} {'tokens':>6} {'median s':>9} {'max s':>7} {'loop lag s':>10}  answer")
    for name, make in WORST.items():
        document = fill(make)
        times, lags, answer = [], [], ""
        for _ in range(ROUNDS):
            stop = asyncio.Event()
            lag = asyncio.create_task(loop_lag(stop))
            started = time.perf_counter()
            result = await schema.execute(document)
            times.append(time.perf_counter() - started)
            stop.set()
            lags.append(await lag)
            answer = "data" if not result.errors else result.errors[0].message[:40]
        times.sort()
        print(
            f"{name:50} {tokens(document):6} {times[len(times) // 2]:9.3f} "
            f"{times[-1]:7.3f} {max(lags):10.3f}  {answer}"
        )


if __name__ == "__main__":
    asyncio.run(main())
