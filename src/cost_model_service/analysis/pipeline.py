"""The stages a worker runs an article through.

Every transition is committed to PostgreSQL first, then published on Redis, so an event
never announces a state that a reader of the database could not see.
"""

import logging
import uuid
from dataclasses import dataclass
from decimal import Decimal

from redis.asyncio import Redis
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.analysis import inputs
from cost_model_service.analysis.base import (
    AnalysisError,
    Analyzer,
    CatalogueIndex,
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
from cost_model_service.config import Settings
from cost_model_service.cost_indices import service as cost_indices
from cost_model_service.cost_models import service as cost_models
from cost_model_service.events.publisher import publish_status
from cost_model_service.outages import is_outage

log = logging.getLogger(__name__)

@dataclass
class Context:
    """What one job needs: its session, the Redis to publish on, settings, the analyzer."""

    session: AsyncSession
    redis: Redis
    settings: Settings
    analyzer: Analyzer
    # On the last try a transient weight failure no longer waits for a retry.
    final_try: bool = True

    async def move(self, article: Article, stage: ProcessingStage, **changes: object) -> None:
        articles.move_to(article, stage, **changes)  # type: ignore[arg-type]
        await self.session.commit()
        await publish_status(self.redis, self.settings, article)


async def run(ctx: Context, article_id: uuid.UUID, attempt: int) -> None:
    """Run one analysis attempt. Raises AnalysisError (or anything else) on failure; the
    caller decides between a retry and FAILED."""
    session = ctx.session
    article = await articles.get_for_update(session, article_id)
    if article is None or article.analysis_attempt != attempt:
        log.info("skipping stale job for article %s attempt %s", article_id, attempt)
        return
    if article.processing_status.is_terminal:
        return
    files = (await articles.files_by_article(session, [article_id], with_content=True))[article_id]
    if attempt > 1 and isinstance(ctx.analyzer, CachingAnalyzer):
        ctx.analyzer = ctx.analyzer.refreshing()

    await ctx.move(article, ProcessingStage.extracting_text)
    text = await inputs.load_text(files, ctx.settings)
    images = inputs.images_of(files)

    await ctx.move(article, ProcessingStage.extracting_metadata)
    usage = LLMUsage(model="")
    weight = await _extract_weight(ctx, text, images, usage)

    await ctx.move(article, ProcessingStage.generating_cost_model)
    catalogue = [
        CatalogueIndex(code=i.code, name=i.name, category=i.category, description=i.description)
        for i in await cost_indices.list_all(session)
    ]
    model = await ctx.analyzer.generate_cost_model(text, catalogue, weight.grams, images)
    if model.usage:
        usage.model = usage.model or model.usage.model
        usage.add(model.usage)

    await ctx.move(article, ProcessingStage.saving)
    await cost_models.replace_parts(session, article.id, model.parts)
    grams = weight.grams
    article.unit_weight = None if grams is None else Decimal(str(grams)) / 1000
    article.weight_method = weight.method if grams is not None else None
    article.weight_evidence = weight.evidence if grams is not None else None
    article.weight_confidence = weight.confidence if grams is not None else None
    article.cost_model_method = model.method
    if usage.calls:
        article.llm_model = usage.model
        article.llm_prompt_tokens += usage.prompt_tokens
        article.llm_completion_tokens += usage.completion_tokens
        article.llm_calls += usage.calls
    # The parts, the weight and COMPLETED land in one commit: no half-written model.
    await ctx.move(article, ProcessingStage.done, status=ProcessingStatus.completed)


async def _extract_weight(
    ctx: Context, text: str, images: list[ImageInput], usage: LLMUsage
) -> WeightResult:
    """A failed weight extraction does not stop the job: the cost model is still useful.
    A transient failure is retried first, while tries remain."""
    analyzer = ctx.analyzer
    try:
        weight = await analyzer.extract_weight(text, images)
    except AnalysisError as error:
        if error.transient and not ctx.final_try:
            raise
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


async def mark_failed(ctx: Context, article_id: uuid.UUID, attempt: int, reason: str) -> None:
    await ctx.session.rollback()
    article = await articles.get_for_update(ctx.session, article_id)
    if article is None or article.analysis_attempt != attempt:
        return
    if article.processing_status.is_terminal:
        return
    await ctx.move(article, article.processing_stage, status=ProcessingStatus.failed, error=reason)
