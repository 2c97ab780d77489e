"""`cms worker`: an arq worker that outlives Redis outages and stops gracefully.

arq's `Worker.run()` ends when a Redis command fails (python-arq/arq#435, #498): its poll
loop lets the ConnectionError escape. Here the same Worker's `main()` is simply entered
again, with backoff, until Redis answers; jobs already running keep running meanwhile
(they need only PostgreSQL and the LLM).

SIGTERM (or Ctrl-C): take no new job, give running jobs `worker_shutdown_grace_seconds`
to finish, then cancel the rest, which arq hands back to the queue (another worker starts
them at once, without waiting for the in-progress key to expire). A second signal skips
the grace.
"""

import asyncio
import contextlib
import logging
import signal

from arq.worker import Worker
from redis.exceptions import RedisError

from cost_model_service.analysis.isolation import close_all
from cost_model_service.config import Settings
from cost_model_service.worker.settings import create_worker

log = logging.getLogger("cms.worker")

FIRST_BACKOFF, MAX_BACKOFF = 0.5, 5.0
# A main() that ran this long was healthy: the next outage starts the backoff afresh.
HEALTHY_AFTER = 30.0
# How long cancelled jobs get to hand themselves back (a few Redis commands).
HAND_BACK_SECONDS = 5.0


async def run_worker(settings: Settings) -> None:
    worker = create_worker(settings, handle_signals=False)
    stopping, hurry = asyncio.Event(), asyncio.Event()

    def on_signal() -> None:
        (hurry if stopping.is_set() else stopping).set()

    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, on_signal)
    backoff = FIRST_BACKOFF
    try:
        while True:
            started = loop.time()
            main = asyncio.create_task(worker.main(), name="arq-main")
            stop = asyncio.create_task(stopping.wait())
            await asyncio.wait({main, stop}, return_when=asyncio.FIRST_COMPLETED)
            stop.cancel()
            if stopping.is_set():
                await _stop(worker, main, settings.worker_shutdown_grace_seconds, hurry)
                return
            if loop.time() - started > HEALTHY_AFTER:
                backoff = FIRST_BACKOFF
            error = main.exception() if not main.cancelled() else None
            log.warning(
                "worker loop stopped (%r); starting it again in %.1fs",
                error,
                backoff,
                exc_info=error if not isinstance(error, RedisError | OSError) else None,
            )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), backoff)
            backoff = min(backoff * 2, MAX_BACKOFF)
            if stopping.is_set():
                await _stop(worker, None, settings.worker_shutdown_grace_seconds, hurry)
                return
    finally:
        # Everything is closed while a further signal still only hurries: `cms dev` sends
        # SIGTERM right after the terminal's Ctrl-C, and killed by it in atexit, the worker
        # would leave its isolated pool's semaphores to the resource tracker.
        await _close(worker)
        await asyncio.to_thread(close_all)
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)


def _running(worker: Worker) -> list[asyncio.Task[None]]:
    return [task for task in worker.tasks.values() if not task.done()]


async def _stop(
    worker: Worker, main: asyncio.Task[None] | None, grace: float, hurry: asyncio.Event
) -> None:
    worker.allow_pick_jobs = False  # main() keeps reaping finished jobs meanwhile
    log.info("stopping: %d running job(s) get %.0fs to finish", len(_running(worker)), grace)
    if running := _running(worker):
        # Whichever first: every job done, a second signal, the end of the grace.
        finished = asyncio.ensure_future(asyncio.wait(running))
        hurried = asyncio.ensure_future(hurry.wait())
        await asyncio.wait({finished, hurried}, timeout=grace, return_when=asyncio.FIRST_COMPLETED)
        finished.cancel()  # stops the waiting only, not the jobs
        hurried.cancel()
    if left := _running(worker):
        log.warning("handing %d unfinished job(s) back to the queue", len(left))
        for task in left:
            task.cancel()  # arq: CancelledError -> "will be run again", no delay
        await asyncio.wait(left, timeout=HAND_BACK_SECONDS)
    if main is not None:
        main.cancel()
        await asyncio.gather(main, return_exceptions=True)


async def _close(worker: Worker) -> None:
    """arq's close() gives up at the first error (Redis may be down): do its steps one by one."""
    running = _running(worker)
    if running:
        for task in running:
            task.cancel()
        await asyncio.wait(running, timeout=HAND_BACK_SECONDS)
    for task in worker.tasks.values():
        # A job whose bookkeeping failed while Redis was down: arq reaps (and logs) these
        # in its poll loop, which may not have run since. Its in-progress key expires and
        # the job runs again (a finished article is then skipped).
        if task.done() and not task.cancelled() and (error := task.exception()):
            log.warning("a job's bookkeeping in Redis failed: %r", error)
    with contextlib.suppress(RedisError, OSError):
        await worker.pool.delete(worker.health_check_key)
    if worker.on_shutdown:
        await worker.on_shutdown(worker.ctx)
    with contextlib.suppress(RedisError, OSError):
        await worker.pool.aclose(close_connection_pool=True)
