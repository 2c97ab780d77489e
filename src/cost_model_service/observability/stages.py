"""An analysis' stages as an operator sees them: a duration per stage
(`cms_analysis_stage_duration_seconds`) and, with tracing on, a span per stage."""

import time

from cost_model_service.observability.metrics import ANALYSIS_STAGE_DURATION
from cost_model_service.observability.tracing import StageSpans


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
