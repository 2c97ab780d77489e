"""The policy every job runs under: retry what may pass, give up on the rest, always end.

arq retries a job only when it raises `Retry` (or is cancelled, e.g. handed back on
SIGTERM); any other exception, and arq's own job timeout, end the job for good and would
leave its work half-done. So every failure of a try is classified here:

- transient (an outage of PostgreSQL or Redis; the try overrunning its own deadline; what
  the job's `judge` calls transient, e.g. an LLM rate limit): `Retry` with
  `job_retry_seconds * 2**(try-1)` while tries remain, then the job's `give_up` with the
  last reason;
- permanent (what the judge calls permanent, e.g. an unreadable file; a bug): `give_up`
  at once.

A try that arq starts after the last one was killed (arq's max_tries is ours + 1) only
gives up. `give_up` records the reason where users see it (an article FAILED); if that
fails too (PostgreSQL still down) the job ends and the sweep finds the work later.

    @job(JobName.X, noun="import", give_up=record_failure)
    async def x(ctx: JobContext, thing_id: str) -> None: ...
"""

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Concatenate, Generic, ParamSpec

from arq import Retry
from arq.worker import Function, func

from cost_model_service.config import Settings
from cost_model_service.jobs.names import JobName
from cost_model_service.observability import context, metrics, tracing
from cost_model_service.outages import describe, is_outage
from cost_model_service.worker.context import JobContext

P = ParamSpec("P")


@dataclass(frozen=True)
class Verdict:
    """A job's own reading of a failure: what users are told, and whether to retry."""

    reason: str
    transient: bool


Body = Callable[Concatenate[JobContext, P], Awaitable[None]]
GiveUp = Callable[Concatenate[JobContext, str, P], Awaitable[None]]
Judge = Callable[[Exception], Verdict | None]


def no_verdict(error: Exception) -> Verdict | None:
    return None


def own_deadline(settings: Settings) -> float:
    """A try stops itself a little before arq's job timeout, so that it can still retry or
    give up; arq's timeout is the backstop (and the sweep behind that)."""
    timeout = settings.job_timeout_seconds
    return timeout - min(5.0, timeout / 10)


@dataclass(frozen=True)
class Job(Generic[P]):
    name: JobName
    body: Body[P]
    give_up: GiveUp[P]
    noun: str  # what the job does, for reasons: "the <noun> took longer than ..."
    judge: Judge = no_verdict

    def function(self, settings: Settings) -> Function:
        """The job as the worker registers it."""
        # One try more than ours: the job itself stops retrying after job_max_tries, and
        # arq's extra try only comes when the last one was killed, to give up.
        return func(
            self.run_try,
            name=self.name,
            max_tries=settings.job_max_tries + 1,
            timeout=settings.job_timeout_seconds,
        )

    async def run_try(self, ctx: dict[Any, Any], *args: P.args, **kwargs: P.kwargs) -> None:
        """arq's entry point: one try of the job, in the trace that enqueued it."""
        carrier = kwargs.pop(tracing.JOB_KWARG, None)
        if not isinstance(carrier, Mapping):  # none, or not ours: start a new trace
            carrier = None
        job = JobContext.from_arq(ctx)
        ids = self._ids(args, kwargs)
        context.bind(job_id=job.job_id, job_try=job.job_try, **ids)
        metrics.job_try(self.name)
        with tracing.job_span(self.name, carrier, job_id=job.job_id, job_try=job.job_try, **ids):
            await self._try(job, *args, **kwargs)

    def _ids(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, str]:
        """The job's `…_id` arguments (`article_id`), for every log line of the try."""
        try:
            bound = inspect.signature(self.body).bind_partial(None, *args, **kwargs)
        except TypeError:  # arguments the body does not take: the try fails, loudly
            return {}
        return {name: str(value) for name, value in bound.arguments.items() if name.endswith("_id")}

    async def _try(self, job: JobContext, *args: P.args, **kwargs: P.kwargs) -> None:
        settings = job.settings
        if job.job_try > settings.job_max_tries:
            metrics.job_gave_up(self.name)
            await self.give_up(
                job,
                f"the {self.noun} was interrupted (a worker stopped or "
                f"crashed) and gave up after {settings.job_max_tries} tries",
                *args,
                **kwargs,
            )
            return
        deadline = asyncio.timeout(own_deadline(settings))
        try:
            async with deadline:
                await self.body(job, *args, **kwargs)
            return
        except Exception as error:
            verdict = self._verdict(job, error, deadline.expired())
            failure = error
        log = logging.getLogger(self.body.__module__)
        label = job.job_id or self.name
        reason = verdict.reason
        if verdict.transient and not job.final_try:
            defer = settings.job_retry_seconds * 2 ** (job.job_try - 1)
            log.warning("%s try %s: %s; retrying in %.1fs", label, job.job_try, reason, defer)
            metrics.job_retry(self.name)
            raise Retry(defer=defer) from failure
        if verdict.transient:
            reason += f" (gave up after {job.job_try} tries)"
        metrics.job_gave_up(self.name)
        await self.give_up(job, reason, *args, **kwargs)

    def _verdict(self, job: JobContext, error: Exception, overran: bool) -> Verdict:
        if (verdict := self.judge(error)) is not None:
            return verdict
        log = logging.getLogger(self.body.__module__)
        label = job.job_id or self.name
        if overran:
            return Verdict(
                f"the {self.noun} took longer than {own_deadline(job.settings):.0f}s",
                transient=True,
            )
        if is_outage(error):
            log.warning("%s try %s: %s: %r", label, job.job_try, describe(error), error)
            return Verdict(describe(error), transient=True)
        log.exception("%s failed unexpectedly", label)
        return Verdict(
            f"internal error during {self.noun} ({type(error).__name__}); see the worker log",
            transient=False,
        )


def job(
    name: JobName, *, noun: str, give_up: GiveUp[P], judge: Judge = no_verdict
) -> Callable[[Body[P]], Job[P]]:
    """Declare a job: its body runs under the policy above; `give_up(ctx, reason, *args)`
    records a failure that no retry will mend."""

    def declare(body: Body[P]) -> Job[P]:
        return Job(name, body, give_up, noun, judge)

    return declare


def job_started(settings: Settings) -> Callable[[dict[Any, Any]], Awaitable[None]]:
    """arq's on_job_start: the job's id and try (and article) on every log line of the job,
    arq's own `→`/`←` lines included (arq runs each job in a task of its own)."""

    async def on_job_start(ctx: dict[Any, Any]) -> None:
        job_id = str(ctx.get("job_id", ""))
        fields: dict[str, Any] = {"job_id": job_id, "job_try": ctx.get("job_try", 1)}
        if article := settings.redis_keys.article_of_job(job_id):
            fields["article_id"] = article
        context.bind(**fields)

    return on_job_start
