"""The garbage collector in the long-running processes (`cms api`, `cms worker`)."""

import functools
import gc


@functools.cache
def freeze_startup_objects() -> None:
    """Once per process, when it has started: what is alive by then (modules, the schema,
    pools) lives as long as the process, so the garbage collector's full passes need not
    walk it. Those passes hold the GIL, so every request, job and the event loop wait them
    out, as long as the heap is large: in the API a document built to allocate much (the
    worst within the GraphQL limits) triggered several, 0.3-0.4 s each, about half that
    frozen (benchmarks/graphql_worst_documents.py); in the worker one full pass took
    0.1-0.35 s during the pipeline benchmark, an article's p99."""
    gc.collect()
    gc.freeze()
