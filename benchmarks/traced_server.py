"""`cms api` or the bare app (`python -m benchmarks.traced_server api|bare [PORT]`), with a
way to look inside: each SIGUSR1 writes a tracemalloc snapshot to $TRACE_OUT.N (tracing
starts at the first, so startup runs at full speed and only what is allocated after it
is traced), after a full garbage collection."""

import gc
import itertools
import os
import runpy
import signal
import sys
import tracemalloc

FRAMES = 12
_counter = itertools.count()


def _snapshot(*_: object) -> None:
    gc.collect()
    if not tracemalloc.is_tracing():
        tracemalloc.start(FRAMES)
    path = f"{os.environ['TRACE_OUT']}.{next(_counter)}"
    tracemalloc.take_snapshot().dump(path + ".tmp")
    os.rename(path + ".tmp", path)  # whole, or not there


if __name__ == "__main__":
    signal.signal(signal.SIGUSR1, _snapshot)
    if sys.argv[1] == "bare":
        sys.argv = ["bare_app", sys.argv[2]]
        runpy.run_module("benchmarks.bare_app", run_name="__main__")
    else:
        from cost_model_service.cli import main

        sys.exit(main(["api"]))
