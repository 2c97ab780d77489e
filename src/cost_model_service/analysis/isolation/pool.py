"""A warm pool of processes that read untrusted documents and run the rules analyzer.

pebble's ProcessPool does the process work: a per-task timeout that kills the process
running it, replacement of a process that died, recycling after a number of tasks. Its
processes are forked from a fork server that imported the parsers and warmed the rules
analyzer up ahead of time (preload.py: a new process is ready in milliseconds, and
inherits nothing of the worker: no sockets, no threads, no event loop). Each sets a
memory limit on itself (child.initialize).

Whatever happens in a process comes back as a result or as an `AnalysisError` naming
the limit that was hit; the worker's event loop only awaits a future.
"""

import asyncio
import atexit
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from pebble import ProcessExpired, ProcessPool

from cost_model_service.analysis.documents.limits import DocumentLimits, LimitExceeded
from cost_model_service.analysis.isolation import child
from cost_model_service.config import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")
# Recycle a process after this many tasks: freed parser memory is not always given back
# to the system, and a fresh fork from the server costs milliseconds.
TASKS_PER_PROCESS = 200
_SLOW_SECONDS = 2.0
PRELOAD = "cost_model_service.analysis.isolation.preload"
_CLOSE_SECONDS = 15.0


class IsolatedPool:
    def __init__(self, settings: Settings) -> None:
        self.processes = settings.extraction_processes
        self.memory_mb = settings.extraction_max_memory_mb
        self.timeout = settings.extraction_timeout_seconds
        self.limits = DocumentLimits.from_settings(settings)
        context = multiprocessing.get_context("forkserver")
        # By name: the worker itself does not build what the fork server builds.
        context.set_forkserver_preload([PRELOAD])
        self._pool = ProcessPool(
            max_workers=self.processes,
            max_tasks=TASKS_PER_PROCESS,
            initializer=child.initialize,
            initargs=(self.limits, self.memory_mb, os.getpid(), settings.log_format.value),
            context=context,
        )

    def warm_up(self) -> None:
        """Start the processes now, not at the first document (without waiting)."""
        self._pool.schedule(child.ready)

    async def extract_text(self, filename: str, content_type: str | None, data: bytes) -> str:
        what = f"reading '{filename}'"
        result: child.Extracted = await self.run(what, child.extract, filename, content_type, data)
        level = logging.INFO if result.seconds > _SLOW_SECONDS else logging.DEBUG
        log.log(
            level,
            "read %r (%d bytes) in %.2fs, peak memory %d MB",
            filename,
            len(data),
            result.seconds,
            result.peak_rss_bytes // (1024 * 1024),
        )
        return result.text

    async def run_rules(self, function: Callable[..., T], *args: Any) -> T:
        """A step of the rules analyzer (RulesAnalyzer's offload)."""
        return await self.run("the rules analyzer", child.analyze, function, *args)

    async def run(self, what: str, function: Callable[..., T], *args: Any) -> T:
        """`function(*args)` in a pool process (a module-level function: it pickles by
        name); `what` names the work in failures ("reading x took longer than ...")."""
        future = self._pool.schedule(function, args, timeout=self.timeout)
        try:
            # Cancelling the job cancels the future, and pebble kills the process running it.
            return await asyncio.wrap_future(future)
        except TimeoutError:
            raise LimitExceeded(
                f"{what} took longer than {self.timeout:g} s (limit CMS_EXTRACTION_TIMEOUT_SECONDS)"
            ) from None
        except ProcessExpired as error:
            raise LimitExceeded(
                f"the process {what} ended abruptly ({_exit_reason(error.exitcode)}), most "
                f"likely at its memory limit of {self.memory_mb} MB "
                "(CMS_EXTRACTION_MAX_MEMORY_MB)"
            ) from None

    def close(self) -> None:
        """Stop the processes, running tasks included (their futures fail). Bounded: a
        shutdown never hangs on a process that will not die (pebble's join has no limit)."""
        self._pool.stop()  # type: ignore[no-untyped-call]  # pebble: unannotated
        stopping = threading.Thread(target=self._pool.join, daemon=True)
        stopping.start()
        stopping.join(_CLOSE_SECONDS)
        if stopping.is_alive():
            log.error("isolated processes did not stop within %.0fs", _CLOSE_SECONDS)


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            pass
    return f"exit code {code}"


# One pool per configuration in a process: the worker's, and in tests those with other
# limits. Closed at exit, before multiprocessing would wait for its processes.
_pools: dict[tuple[Any, ...], IsolatedPool] = {}


def pool_for(settings: Settings) -> IsolatedPool:
    key = (
        settings.extraction_processes,
        settings.extraction_max_memory_mb,
        settings.extraction_timeout_seconds,
        DocumentLimits.from_settings(settings),
    )
    pool = _pools.get(key)
    if pool is None:
        pool = _pools[key] = IsolatedPool(settings)
    return pool


def close_all() -> None:
    while _pools:
        _, pool = _pools.popitem()
        pool.close()


atexit.register(close_all)
