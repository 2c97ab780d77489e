"""pipeline.run with a session, a fake analyzer and a recording publisher: the stages, what
is written, what is announced, and which failures end the try."""

import asyncio
from collections.abc import Sequence
from decimal import Decimal

import pytest
from pydantic import BaseModel
from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.analysis import pipeline
from cost_model_service.analysis.base import (
    AnalysisError,
    CostModelResult,
    ImageInput,
    WeightResult,
)
from cost_model_service.analysis.pipeline import AnalysisRun
from cost_model_service.articles import service as articles
from cost_model_service.articles.models import Article, ProcessingStage, ProcessingStatus
from cost_model_service.config import Settings
from cost_model_service.cost_indices.schemas import CatalogueIndex
from cost_model_service.cost_models import service as cost_models
from cost_model_service.db import SessionMaker, held_session_scope
from tests.fakes import FakeAnalyzer, RecordingPublisher, steel_and_fixed, weight_of
from tests.helpers import stored_article

STAGES = [
    ProcessingStage.EXTRACTING_TEXT,
    ProcessingStage.EXTRACTING_METADATA,
    ProcessingStage.GENERATING_COST_MODEL,
    ProcessingStage.SAVING,
    ProcessingStage.DONE,
]


def analysis_run(
    session: AsyncSession, settings: Settings, analyzer: FakeAnalyzer, *, final_try: bool = True
) -> tuple[AnalysisRun, RecordingPublisher]:
    publisher = RecordingPublisher()
    return AnalysisRun(session, publisher, settings, analyzer, final_try=final_try), publisher


async def reread(sessionmaker: SessionMaker, article: Article) -> Article:
    """The row as another session sees it: what was committed, nothing else."""
    async with sessionmaker() as session:
        row = await articles.get(session, article.id)
    assert row is not None
    return row


async def test_every_stage_is_committed_then_announced_and_the_result_recorded(
    session: AsyncSession, sessionmaker: SessionMaker, settings: Settings
) -> None:
    article = await stored_article(session)
    analyzer = FakeAnalyzer()
    run, publisher = analysis_run(session, settings, analyzer)

    await pipeline.run(run, article.id, 1)

    events = publisher.statuses()
    assert [e.processing_stage for e in events] == STAGES
    assert [e.version for e in events] == [2, 3, 4, 5, 6]
    assert [e.processing_status for e in events] == [ProcessingStatus.PROCESSING] * 4 + [
        ProcessingStatus.COMPLETED
    ]
    assert {channel for channel, _ in publisher.published} == {
        settings.redis_keys.article_status(article.id)
    }
    assert "Net weight: 0.42 kg" in analyzer.texts[0]  # the uploaded file's text
    assert {"STEEL", "FIXED"} <= {i.code for i in analyzer.catalogues[0]}

    row = await reread(sessionmaker, article)
    assert (row.processing_status, row.processing_stage) == (
        ProcessingStatus.COMPLETED,
        ProcessingStage.DONE,
    )
    assert row.processing_completed_at is not None and row.processing_error is None
    assert row.unit_weight == Decimal("0.42")
    assert (row.weight_method, row.weight_confidence) == ("fake", 0.9)
    assert row.weight_evidence == "Net weight: 420.0 g"
    assert row.cost_model_method == "fake"
    assert (row.llm_model, row.llm_calls, row.llm_prompt_tokens, row.llm_completion_tokens) == (
        "fake-model",
        2,
        300,
        30,
    )
    parts = (await cost_models.parts_by_article(session, [article.id]))[article.id]
    assert [(index.code, part.part) for part, index in parts] == [
        ("STEEL", Decimal("60.00")),
        ("FIXED", Decimal("40.00")),
    ]


async def test_a_rerun_replaces_the_model_and_adds_up_the_usage(
    session: AsyncSession, sessionmaker: SessionMaker, settings: Settings
) -> None:
    article = await stored_article(session)
    await pipeline.run(analysis_run(session, settings, FakeAnalyzer())[0], article.id, 1)
    articles.restart(article)
    await session.commit()

    await pipeline.run(analysis_run(session, settings, FakeAnalyzer())[0], article.id, 2)

    row = await reread(sessionmaker, article)
    assert row.processing_status is ProcessingStatus.COMPLETED
    assert row.llm_calls == 4 and row.llm_prompt_tokens == 600
    parts = (await cost_models.parts_by_article(session, [article.id]))[article.id]
    assert len(parts) == 2


async def test_a_stale_attempt_or_a_finished_article_is_left_alone(
    session: AsyncSession, settings: Settings
) -> None:
    article = await stored_article(session)
    analyzer = FakeAnalyzer()
    run, publisher = analysis_run(session, settings, analyzer)
    await pipeline.run(run, article.id, 2)  # a job for an attempt that does not exist (yet)
    assert publisher.published == [] and analyzer.texts == []

    await pipeline.run(run, article.id, 1)
    done = len(publisher.published)
    await pipeline.run(run, article.id, 1)  # the same job again, after it completed
    assert len(publisher.published) == done and len(analyzer.texts) == 1


@pytest.mark.parametrize("failure", [AnalysisError("the model refused"), ValueError("a bug")])
async def test_a_failed_weight_extraction_goes_on_without_a_weight(
    session: AsyncSession, sessionmaker: SessionMaker, settings: Settings, failure: Exception
) -> None:
    article = await stored_article(session)
    run, _ = analysis_run(session, settings, FakeAnalyzer(weight=failure))
    await pipeline.run(run, article.id, 1)
    row = await reread(sessionmaker, article)
    assert row.processing_status is ProcessingStatus.COMPLETED
    assert (row.unit_weight, row.weight_method, row.weight_evidence) == (None, None, None)
    assert row.llm_calls == 1  # the cost model's call only


async def test_a_transient_weight_failure_ends_the_try_unless_it_is_the_last(
    session: AsyncSession, sessionmaker: SessionMaker, settings: Settings
) -> None:
    article = await stored_article(session)
    rate_limited = AnalysisError("OpenAI rate limit", transient=True)
    run, _ = analysis_run(session, settings, FakeAnalyzer(weight=rate_limited), final_try=False)
    with pytest.raises(AnalysisError):
        await pipeline.run(run, article.id, 1)
    await session.rollback()

    last, _ = analysis_run(session, settings, FakeAnalyzer(weight=rate_limited), final_try=True)
    await pipeline.run(last, article.id, 1)
    assert (await reread(sessionmaker, article)).processing_status is ProcessingStatus.COMPLETED


async def test_on_the_last_try_a_transient_failure_keeps_the_fallback_weight(
    session: AsyncSession, sessionmaker: SessionMaker, settings: Settings
) -> None:
    """The hybrid's rules weight, carried by the LLM's transient failure, is kept once no
    retry is left: no worse than the rules alone."""
    article = await stored_article(session)
    fallback = weight_of(415.0)
    failure = AnalysisError("OpenAI rate limit", transient=True, fallback=fallback)
    run, _ = analysis_run(session, settings, FakeAnalyzer(weight=failure), final_try=True)
    await pipeline.run(run, article.id, 1)
    row = await reread(sessionmaker, article)
    assert row.processing_status is ProcessingStatus.COMPLETED
    assert row.unit_weight == Decimal("0.415")


async def test_an_outage_during_weight_extraction_ends_the_try(
    session: AsyncSession, settings: Settings
) -> None:
    """The LLM cache lives in PostgreSQL: its outage is the try's, not a missing weight."""
    article = await stored_article(session)
    run, _ = analysis_run(session, settings, FakeAnalyzer(weight=ConnectionRefusedError()))
    with pytest.raises(ConnectionRefusedError):
        await pipeline.run(run, article.id, 1)


async def test_a_cost_model_failure_saves_nothing_and_mark_failed_says_why(
    session: AsyncSession, sessionmaker: SessionMaker, settings: Settings
) -> None:
    article = await stored_article(session)
    analyzer = FakeAnalyzer(cost_model=AnalysisError("no cost model: the sheet is empty"))
    run, publisher = analysis_run(session, settings, analyzer)
    with pytest.raises(AnalysisError) as failure:
        await pipeline.run(run, article.id, 1)

    await pipeline.mark_failed(run, article.id, 1, failure.value.message)

    row = await reread(sessionmaker, article)
    assert row.processing_status is ProcessingStatus.FAILED
    assert row.processing_stage is ProcessingStage.GENERATING_COST_MODEL  # where it stopped
    assert row.processing_error == "no cost model: the sheet is empty"
    assert row.unit_weight is None and row.cost_model_method is None
    assert (await cost_models.parts_by_article(session, [article.id])) == {}
    assert publisher.statuses()[-1].processing_status is ProcessingStatus.FAILED


async def test_mark_failed_leaves_a_newer_attempt_or_a_finished_article_alone(
    session: AsyncSession, settings: Settings
) -> None:
    article = await stored_article(session)
    run, publisher = analysis_run(session, settings, FakeAnalyzer())
    await pipeline.mark_failed(run, article.id, 0, "an old job's reason")
    await pipeline.run(run, article.id, 1)
    await pipeline.mark_failed(run, article.id, 1, "too late")
    assert publisher.statuses()[-1].processing_status is ProcessingStatus.COMPLETED
    assert article.processing_error is None


async def test_the_weight_in_grams_is_stored_in_kilograms_exactly(
    session: AsyncSession, sessionmaker: SessionMaker, settings: Settings
) -> None:
    article = await stored_article(session)
    model = CostModelResult(parts=steel_and_fixed().parts, method="fake")  # no LLM call
    run, _ = analysis_run(session, settings, FakeAnalyzer(weight=weight_of(0.1), cost_model=model))
    await pipeline.run(run, article.id, 1)
    row = await reread(sessionmaker, article)
    assert row.unit_weight == Decimal("0.0001")
    assert row.llm_calls == 1  # the weight's call; the cost model made none


class SlowCheckingPublisher(RecordingPublisher):
    """Takes its time (a slow Redis) and notes what another session sees when it publishes."""

    def __init__(self, sessionmaker: SessionMaker) -> None:
        super().__init__()
        self.sessionmaker = sessionmaker
        self.visible: list[int] = []

    async def publish(self, channel: str, event: BaseModel) -> None:
        await asyncio.sleep(0.05)
        async with self.sessionmaker() as session:
            row = await articles.get(session, event.id)  # type: ignore[attr-defined]
            assert row is not None
            self.visible.append(row.version)
        await super().publish(channel, event)


async def test_announcements_follow_their_commits_in_order_and_end_with_the_try(
    session: AsyncSession, sessionmaker: SessionMaker, settings: Settings
) -> None:
    """Publishing runs beside the next stage, yet every event goes out after its commit,
    in order, and all of them before run() returns."""
    article = await stored_article(session)
    publisher = SlowCheckingPublisher(sessionmaker)
    await pipeline.run(AnalysisRun(session, publisher, settings, FakeAnalyzer()), article.id, 1)
    versions = [e.version for e in publisher.statuses()]
    assert versions == [2, 3, 4, 5, 6]
    assert all(seen >= sent for seen, sent in zip(publisher.visible, versions, strict=True))


class GatedPublisher(RecordingPublisher):
    """Holds its first publication until let go; notes how many go out together."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()
        self.together: list[int] = []

    async def publish_many(self, messages: Sequence[tuple[str, BaseModel]]) -> None:
        await self.gate.wait()
        self.together.append(len(messages))
        await super().publish_many(messages)


async def test_transitions_committed_during_a_publication_go_out_together(
    session: AsyncSession, sessionmaker: SessionMaker, settings: Settings
) -> None:
    article = await stored_article(session)
    publisher = GatedPublisher()
    run = asyncio.create_task(
        pipeline.run(AnalysisRun(session, publisher, settings, FakeAnalyzer()), article.id, 1)
    )
    while (await reread(sessionmaker, article)).processing_status != ProcessingStatus.COMPLETED:
        await asyncio.sleep(0.01)
    publisher.gate.set()
    await run
    assert publisher.together == [1, 4]  # the first, then the four committed meanwhile
    assert [e.version for e in publisher.statuses()] == [2, 3, 4, 5, 6]


class _Watching(FakeAnalyzer):
    """Notes the stage another session reads while the analyzer works."""

    def __init__(self, sessionmaker: SessionMaker, article: Article) -> None:
        super().__init__()
        self.sessionmaker, self.article, self.seen = sessionmaker, article, []

    async def extract_weight(self, text: str, images: Sequence[ImageInput] = ()) -> WeightResult:
        self.seen.append((await reread(self.sessionmaker, self.article)).processing_stage)
        return await super().extract_weight(text, images)

    async def generate_cost_model(
        self,
        text: str,
        catalogue: list[CatalogueIndex],
        unit_weight_grams: float | None,
        images: Sequence[ImageInput] = (),
    ) -> CostModelResult:
        self.seen.append((await reread(self.sessionmaker, self.article)).processing_stage)
        return await super().generate_cost_model(text, catalogue, unit_weight_grams, images)


async def test_on_the_jobs_one_connection_each_stage_commits_and_transactions_come_back(
    sessionmaker: SessionMaker, settings: Settings
) -> None:
    """The worker's session keeps one connection (held_session_scope) and moves between
    stages without a transaction (AUTOCOMMIT): each stage is committed when the analyzer
    runs, and afterwards the connection is back to transactions (the save of the parts and
    COMPLETED is one)."""
    engine = sessionmaker.kw["bind"]
    async with held_session_scope(engine, sessionmaker) as session:
        article = await stored_article(session)
        analyzer = _Watching(sessionmaker, article)
        run, publisher = analysis_run(session, settings, analyzer)
        await pipeline.run(run, article.id, 1)
        assert analyzer.seen == [
            ProcessingStage.EXTRACTING_METADATA,
            ProcessingStage.GENERATING_COST_MODEL,
        ]
        assert [e.processing_stage for e in publisher.statuses()] == STAGES
        row = await reread(sessionmaker, article)
        same = text("SELECT txid_current()")
        assert await session.scalar(same) == await session.scalar(same)
        await session.rollback()
    assert (row.processing_status, row.processing_stage) == (
        ProcessingStatus.COMPLETED,
        ProcessingStage.DONE,
    )
