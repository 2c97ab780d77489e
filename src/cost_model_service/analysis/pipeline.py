"""The stages a worker runs an article through.

Every transition is committed to PostgreSQL first, then published, so an event never
announces a state that a reader of the database could not see. The publishing (a Redis
round trip) runs beside the next stage, in order; transitions committed while one is
being published go out together, in one round trip; the try ends only once every
transition it committed was announced.
"""

import asyncio
import logging
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.analysis import inputs
from cost_model_service.analysis.base import (
    AnalysisError,
    Analyzer,
    CostModelResult,
    ImageInput,
    LLMUsage,
    WeightResult,
)
from cost_model_service.analysis.cache import CachingAnalyzer
from cost_model_service.articles import service as articles
from cost_model_service.articles.models import (
    Article,
    ProcessingStage,
    ProcessingStatus,
)
from cost_model_service.articles.schemas import AnalysisResult, FoundWeight
from cost_model_service.articles.status import StatusEvent, publish_events
from cost_model_service.config import Settings
from cost_model_service.cost_indices import service as cost_indices
from cost_model_service.cost_models import service as cost_models
from cost_model_service.events.publisher import Publisher
from cost_model_service.observability import metrics
from cost_model_service.observability.stages import StageClock
from cost_model_service.outages import is_outage
from cost_model_service.redis_keys import RedisKeys

log = logging.getLogger(__name__)


@dataclass
class AnalysisRun:
    """One try of one article's analysis: the job's session, where its transitions are
    announced, the settings (extraction limits, channel names) and the analyzer."""

    session: AsyncSession
    publisher: Publisher
    settings: Settings
    analyzer: Analyzer
    # On the last try a transient weight failure no longer waits for a retry.
    final_try: bool = True
    # Each stage's duration (and span): `move` starts a stage, `stages.enter(None)` ends it.
    stages: StageClock = field(default_factory=StageClock)
    # Committed transitions not yet published, and the task publishing them (one at a time:
    # order).
    _unannounced: list[tuple[StatusEvent, uuid.UUID | None]] = field(
        default_factory=list, init=False, repr=False
    )
    _announcing: "asyncio.Task[None] | None" = field(default=None, init=False, repr=False)

    async def move(
        self,
        article: Article,
        stage: ProcessingStage,
        *,
        status: ProcessingStatus = ProcessingStatus.PROCESSING,
        error: str | None = None,
    ) -> None:
        articles.move_to(article, stage, status=status, error=error)
        if status is ProcessingStatus.PROCESSING:
            self.stages.enter(stage.value)
        await self.commit(article)

    async def step(self, article: Article, stage: ProcessingStage) -> None:
        """`move` to the next stage when nothing else is written with it: its UPDATE runs
        on its own (AUTOCOMMIT), one round trip instead of three (BEGIN, UPDATE, COMMIT)."""
        connection = await self.session.connection(
            execution_options={"isolation_level": "AUTOCOMMIT"}
        )
        try:
            await self.move(article, stage)
        finally:
            # A connection held for the whole job (db.held_session_scope) goes back to
            # transactions here; one of the pool's is reset when the commit returns it.
            if not connection.closed and not connection.invalidated:
                await connection.execution_options(
                    isolation_level=connection.default_isolation_level
                )

    @property
    def keys(self) -> RedisKeys:
        return self.settings.redis_keys

    async def commit(self, article: Article) -> None:
        """Commits, then announces what was committed, without holding up the next stage."""
        await self.session.commit()
        # Taken now: the article moves on meanwhile.
        self._unannounced.append((StatusEvent.from_article(article), article.batch_id))
        if self._announcing is None or self._announcing.done():
            self._announcing = asyncio.create_task(self._announce(self._announcing))

    async def _announce(self, before: "asyncio.Task[None] | None") -> None:
        if before is not None:
            await before  # done: a failure of it surfaces here, as in `announced`
        while self._unannounced:
            statuses, self._unannounced = self._unannounced, []
            await publish_events(self.publisher, self.keys, statuses)

    async def announced(self) -> None:
        """Returns once every committed transition was published (best effort, as always:
        RedisPublisher logs a failure, subscribers re-read)."""
        if self._announcing is not None:
            await self._announcing


async def run(analysis: AnalysisRun, article_id: uuid.UUID, attempt: int) -> Article | None:
    """Run one analysis attempt; returns the article as it left it (None if there is no
    such article). Raises AnalysisError (or anything else) on failure; the caller decides
    between a retry and FAILED."""
    try:
        return await _run(analysis, article_id, attempt)
    finally:
        await analysis.announced()


async def _run(analysis: AnalysisRun, article_id: uuid.UUID, attempt: int) -> Article | None:
    session = analysis.session
    article = await articles.get_for_update(session, article_id)
    if article is None or article.analysis_attempt != attempt:
        log.info("skipping stale job for article %s attempt %s", article_id, attempt)
        return article
    if article.processing_status.is_terminal:
        return article
    files = (await articles.files_by_article(session, [article_id], with_content=True))[article_id]
    # Read in this first transaction: each later one then holds the stage's write alone.
    catalogue = await cost_indices.catalogue(session)
    if attempt > 1 and isinstance(analysis.analyzer, CachingAnalyzer):
        analysis.analyzer = analysis.analyzer.refreshing()

    await analysis.move(article, ProcessingStage.EXTRACTING_TEXT)
    text = await inputs.load_text(files, analysis.settings)
    images = inputs.images_of(files)

    await analysis.step(article, ProcessingStage.EXTRACTING_METADATA)
    usage = LLMUsage(model="")
    weight = await _extract_weight(analysis, text, images, usage)

    await analysis.step(article, ProcessingStage.GENERATING_COST_MODEL)
    model = await analysis.analyzer.generate_cost_model(text, catalogue, weight.grams, images)
    if model.usage:
        usage.model = usage.model or model.usage.model
        usage.add(model.usage)

    await analysis.step(article, ProcessingStage.SAVING)
    await cost_models.replace_parts(session, article.id, model.parts)
    articles.record_analysis(article, _result(weight, model, usage))
    # The parts, the weight and COMPLETED land in one commit: no half-written model.
    await analysis.commit(article)
    analysis.stages.enter(None)
    metrics.analysis_ended("completed")
    return article


def _result(weight: WeightResult, model: CostModelResult, usage: LLMUsage) -> AnalysisResult:
    found = (
        None
        if weight.grams is None
        else FoundWeight(
            kilograms=Decimal(str(weight.grams)) / 1000,
            method=weight.method,
            evidence=weight.evidence,
            confidence=weight.confidence,
        )
    )
    return AnalysisResult(
        weight=found,
        cost_model_method=model.method,
        llm_model=usage.model,
        llm_prompt_tokens=usage.prompt_tokens,
        llm_completion_tokens=usage.completion_tokens,
        llm_calls=usage.calls,
    )


async def _extract_weight(
    analysis: AnalysisRun, text: str, images: list[ImageInput], usage: LLMUsage
) -> WeightResult:
    """A failed weight extraction does not stop the job: the cost model is still useful.
    A transient failure is retried first, while tries remain."""
    analyzer = analysis.analyzer
    try:
        weight = await analyzer.extract_weight(text, images)
    except AnalysisError as error:
        if error.transient and not analysis.final_try:
            raise
        if error.fallback is not None:
            log.warning("weight extraction failed, keeping the rules' weight: %s", error)
            return error.fallback
        log.warning("weight extraction failed, continuing without a weight: %s", error)
        return WeightResult(grams=None, method=analyzer.name)
    except Exception as error:
        if is_outage(error):
            raise  # PostgreSQL or Redis went away (e.g. the LLM cache): retry the whole try
        log.warning("weight extraction failed, continuing without a weight: %s", error)
        return WeightResult(grams=None, method=analyzer.name)
    if weight.usage:
        usage.model = weight.usage.model
        usage.add(weight.usage)
    return weight


async def mark_failed(
    analysis: AnalysisRun, article_id: uuid.UUID, attempt: int, reason: str
) -> None:
    """FAILED with the reason, unless the article moved on (a newer attempt, or finished)."""
    await analysis.session.rollback()
    article = await articles.get_for_update(analysis.session, article_id)
    if article is None or article.analysis_attempt != attempt:
        return
    if article.processing_status.is_terminal:
        return
    await analysis.move(
        article, article.processing_stage, status=ProcessingStatus.FAILED, error=reason
    )
    await analysis.announced()
    metrics.analysis_ended("failed")
