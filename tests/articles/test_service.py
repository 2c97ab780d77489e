"""The articles service with just a session: staging, tenant scoping, transitions, attempts,
recording a result, paging, and finding stale PROCESSING articles."""

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.articles import service as articles
from cost_model_service.articles.models import FileKind, ProcessingStage, ProcessingStatus
from cost_model_service.articles.schemas import (
    AnalysisResult,
    ArticleCursor,
    FoundWeight,
    NewFile,
)
from cost_model_service.auth.models import DEFAULT_TENANT_ID, Tenant
from cost_model_service.errors import BadUserInput, NotFound
from tests.helpers import stored_article

SPEC = NewFile(FileKind.specification, "spec.txt", "text/plain", b"Net weight: 1 kg")


async def new_tenant(session: AsyncSession) -> uuid.UUID:
    tenant = Tenant(name=f"t-{uuid.uuid4().hex[:8]}")
    session.add(tenant)
    await session.commit()
    return tenant.id


@pytest.mark.parametrize(
    ("name", "files", "message"),
    [
        ("   ", [SPEC], "articleName must not be blank"),
        ("x" * 256, [SPEC], "articleName must be at most 255 characters"),
        (
            "Bracket",
            [NewFile(FileKind.drawing, "d.pdf", None, b"")],
            "the drawing file 'd.pdf' is empty",
        ),
    ],
)
def test_bad_input_is_refused_before_anything_is_staged(
    name: str, files: list[NewFile], message: str
) -> None:
    with pytest.raises(BadUserInput, match=message):
        articles.validate_new_article(name, None, files)


async def test_a_new_article_is_processing_queued_with_its_files(session: AsyncSession) -> None:
    article = articles.add_for_analysis(session, DEFAULT_TENANT_ID, "  Bracket ", "  ", [SPEC])
    await session.commit()
    assert (article.article_name, article.description) == ("Bracket", None)
    assert (article.processing_status, article.processing_stage) == (
        ProcessingStatus.PROCESSING,
        ProcessingStage.QUEUED,
    )
    assert (article.version, article.analysis_attempt) == (1, 1)
    files = (await articles.files_by_article(session, [article.id], with_content=True))[article.id]
    assert [(f.kind, f.size, f.sha256, f.content) for f in files] == [
        (FileKind.specification, len(SPEC.data), SPEC.sha256, SPEC.data)
    ]


async def test_another_tenants_article_is_not_found_like_a_missing_one(
    session: AsyncSession,
) -> None:
    article = await stored_article(session)
    assert (await articles.get_or_raise(session, article.id, DEFAULT_TENANT_ID)) is article
    for article_id, tenant_id in (
        (article.id, await new_tenant(session)),
        (uuid.uuid4(), DEFAULT_TENANT_ID),
    ):
        with pytest.raises(NotFound, match=f"article {article_id} not found"):
            await articles.get_or_raise(session, article_id, tenant_id)


async def test_each_transition_bumps_the_version_and_keeps_the_times(
    session: AsyncSession,
) -> None:
    article = await stored_article(session)
    articles.move_to(article, ProcessingStage.EXTRACTING_TEXT)
    started = article.processing_started_at
    assert started is not None and article.version == 2
    articles.move_to(article, ProcessingStage.SAVING)
    assert article.processing_started_at == started and article.version == 3
    assert article.processing_completed_at is None
    articles.move_to(article, ProcessingStage.SAVING, status=ProcessingStatus.FAILED, error="why")
    assert article.processing_completed_at is not None and article.processing_error == "why"
    assert article.version == 4 and article.updated_at >= started


async def test_restart_begins_a_new_run_and_requeue_keeps_its_start(
    session: AsyncSession,
) -> None:
    article = await stored_article(session)
    articles.move_to(article, ProcessingStage.EXTRACTING_TEXT)
    started = articles.run_started_at(article)

    articles.requeue(article)  # a lost job: the same run, a new attempt
    assert (article.analysis_attempt, article.processing_stage) == (2, ProcessingStage.QUEUED)
    assert articles.run_started_at(article) == started

    articles.move_to(article, ProcessingStage.DONE, status=ProcessingStatus.COMPLETED)
    articles.restart(article)  # reanalyzeArticle: a new run
    assert article.analysis_attempt == 3
    assert article.processing_started_at == article.updated_at  # the new run starts now
    assert (article.processing_status, article.processing_error) == (
        ProcessingStatus.PROCESSING,
        None,
    )
    assert article.processing_completed_at is None


async def test_record_analysis_writes_the_result_and_completes(session: AsyncSession) -> None:
    article = await stored_article(session)
    weight = FoundWeight(Decimal("0.42"), "rules", "Net weight: 0.42 kg", 0.6)
    articles.record_analysis(
        article,
        AnalysisResult(
            weight,
            "openai",
            llm_model="m",
            llm_prompt_tokens=10,
            llm_completion_tokens=2,
            llm_calls=1,
        ),
    )
    assert (article.processing_status, article.processing_stage) == (
        ProcessingStatus.COMPLETED,
        ProcessingStage.DONE,
    )
    assert (
        article.unit_weight,
        article.weight_method,
        article.weight_evidence,
        article.weight_confidence,
    ) == (Decimal("0.42"), "rules", "Net weight: 0.42 kg", 0.6)

    articles.restart(article)
    articles.record_analysis(article, AnalysisResult(None, "rules-heuristic"))  # no LLM call
    assert (
        article.unit_weight,
        article.weight_method,
        article.weight_evidence,
        article.weight_confidence,
    ) == (None, None, None, None)
    assert article.cost_model_method == "rules-heuristic"
    assert (article.llm_model, article.llm_calls, article.llm_prompt_tokens) == ("m", 1, 10)


async def test_pages_are_newest_first_per_tenant_and_filtered(session: AsyncSession) -> None:
    tenant = await new_tenant(session)
    made = [await stored_article(session, tenant_id=tenant, name=f"A{n}") for n in range(3)]
    articles.move_to(made[1], ProcessingStage.DONE, status=ProcessingStatus.COMPLETED)
    await session.commit()

    first, more = await articles.list_page(session, tenant, first=2)
    assert [a.article_name for a in first] == ["A2", "A1"] and more
    cursor = ArticleCursor(first[-1].created_at, first[-1].id)
    rest, more = await articles.list_page(session, tenant, first=2, after=cursor)
    assert [a.article_name for a in rest] == ["A0"] and not more
    done, _ = await articles.list_page(session, tenant, first=5, status=ProcessingStatus.COMPLETED)
    assert [a.article_name for a in done] == ["A1"]


async def test_stale_processing_articles_are_found_oldest_first(session: AsyncSession) -> None:
    long_ago = datetime(2001, 1, 1, tzinfo=UTC)
    old, older, finished = [await stored_article(session) for _ in range(3)]
    old.updated_at, older.updated_at = long_ago, long_ago - timedelta(hours=1)
    articles.move_to(finished, ProcessingStage.DONE, status=ProcessingStatus.COMPLETED)
    finished.updated_at = long_ago
    await session.commit()

    stale = await articles.list_stale_processing(
        session, updated_before=long_ago + timedelta(seconds=1), limit=10
    )
    assert [a.id for a in stale] == [older.id, old.id]
