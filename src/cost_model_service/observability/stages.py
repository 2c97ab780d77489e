"""An analysis' stages as an operator sees them: a duration per stage
(`cms_analysis_stage_duration_seconds`) and, with tracing on, a span per stage."""

import contextlib
import time
from typing import Any

from cost_model_service.observability import tracing
from cost_model_service.observability.metrics import ANALYSIS_STAGE_DURATION


class StageSpans:
    """One span per stage of a job, each current while its stage runs (so its SQL, LLM and
    Redis spans nest under it); entering a stage ends the one before."""

    def __init__(self) -> None:
        self._span: Any = None
        self._token: Any = None

    def enter(self, name: str | None) -> None:
        if not tracing.enabled():
            return
        from opentelemetry import context, trace

        self.end()
        if name is None:
            return
        self._span = trace.get_tracer("cost_model_service.worker").start_span(f"stage {name}")
        self._token = context.attach(trace.set_span_in_context(self._span))

    def end(self) -> None:
        if self._span is None:
            return
        from opentelemetry import context

        with contextlib.suppress(ValueError):  # attached in another context (a task)
            context.detach(self._token)
        self._span.end()
        self._span = self._token = None


class StageClock:
    """`enter(stage)` ends the stage before it; `enter(None)` ends the last one."""

    def __init__(self) -> None:
        self._stage: str | None = None
        self._since = 0.0
        self._spans = StageSpans()

    def enter(self, stage: str | None) -> None:
        now = time.perf_counter()
        if self._stage is not None:
            ANALYSIS_STAGE_DURATION.labels(self._stage).observe(now - self._since)
        self._stage, self._since = stage, now
        self._spans.enter(stage)
