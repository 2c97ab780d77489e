"""Articles: creating them for analysis, reading them, moving them through the stages,
recording what the analysis found."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import defer
from sqlmodel import col, func, select, tuple_
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.articles.models import (
    Article,
    ArticleFile,
    ProcessingStage,
    ProcessingStatus,
    utcnow,
)
from cost_model_service.articles.schemas import AnalysisResult, ArticleCursor, NewFile
from cost_model_service.errors import BadUserInput, NotFound

MAX_NAME_LENGTH = 255
MAX_DESCRIPTION_LENGTH = 4000


def _text(field: str, value: str, max_length: int) -> str:
    """PostgreSQL text holds neither NUL nor unpaired surrogates (which JSON's \\u escapes
    can carry): refuse them here rather than fail in the INSERT."""
    if len(value) > max_length:
        raise BadUserInput(f"{field} must be at most {max_length} characters")
    if "\x00" in value:
        raise BadUserInput(f"{field} must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadUserInput(f"{field} is not valid Unicode text") from None
    return value


def validate_new_article(
    article_name: str, description: str | None, files: Sequence[NewFile]
) -> tuple[str, str | None]:
    """The name and description as stored (stripped; an empty description is none), or
    BadUserInput. Pure: callers may check before spending anything (a rate limit)."""
    name = _text("articleName", article_name.strip(), MAX_NAME_LENGTH)
    if not name:
        raise BadUserInput("articleName must not be blank")
    cleaned = _text("description", (description or "").strip(), MAX_DESCRIPTION_LENGTH)
    for file in files:
        if not file.data:
            raise BadUserInput(f"the {file.kind.value} file '{file.filename}' is empty")
    return name, cleaned or None


def add_for_analysis(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    article_name: str,
    description: str | None,
    files: Sequence[NewFile],
) -> Article:
    """Stage a new article (PROCESSING, QUEUED) and its files in the session. Not committed."""
    name, cleaned_description = validate_new_article(article_name, description, files)
    article = Article(
        tenant_id=tenant_id,
        article_name=name,
        description=cleaned_description,
        processing_status=ProcessingStatus.PROCESSING,
        processing_stage=ProcessingStage.QUEUED,
    )
    session.add(article)
    for file in files:
        session.add(
            ArticleFile(
                article_id=article.id,
                kind=file.kind,
                filename=file.filename,
                content_type=file.content_type,
                size=len(file.data),
                sha256=file.sha256,
                content=file.data,
            )
        )
    return article


async def get(session: AsyncSession, article_id: uuid.UUID) -> Article | None:
    return await session.get(Article, article_id)


async def get_or_raise(
    session: AsyncSession, article_id: uuid.UUID, tenant_id: uuid.UUID
) -> Article:
    """The tenant's article; another tenant's answers exactly like a missing one."""
    article = await get(session, article_id)
    if article is None or article.tenant_id != tenant_id:
        raise NotFound(f"article {article_id} not found")
    return article


async def get_for_update(session: AsyncSession, article_id: uuid.UUID) -> Article | None:
    """Lock the row: the worker and a sweep must not move the same article at once."""
    statement = select(Article).where(col(Article.id) == article_id).with_for_update()
    return (await session.exec(statement)).one_or_none()


async def list_page(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    *,
    first: int,
    after: ArticleCursor | None = None,
    status: ProcessingStatus | None = None,
    batch_id: uuid.UUID | None = None,
) -> tuple[list[Article], bool]:
    """The tenant's articles (or one batch's), newest first; returns the page and whether
    more follow."""
    statement = select(Article).where(col(Article.tenant_id) == tenant_id)
    if batch_id is not None:
        statement = statement.where(col(Article.batch_id) == batch_id)
    if status is not None:
        statement = statement.where(col(Article.processing_status) == status)
    if after is not None:
        statement = statement.where(
            tuple_(col(Article.created_at), col(Article.id)) < tuple_(after.created_at, after.id)
        )
    statement = statement.order_by(col(Article.created_at).desc(), col(Article.id).desc())
    rows = list((await session.exec(statement.limit(first + 1))).all())
    return rows[:first], len(rows) > first


async def count(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    *,
    status: ProcessingStatus | None = None,
    batch_id: uuid.UUID | None = None,
) -> int:
    """How many articles the tenant has (in one status), as list_page pages through them."""
    statement = select(func.count()).select_from(Article).where(col(Article.tenant_id) == tenant_id)
    if batch_id is not None:
        statement = statement.where(col(Article.batch_id) == batch_id)
    if status is not None:
        statement = statement.where(col(Article.processing_status) == status)
    return (await session.exec(statement)).one()


async def files_by_article(
    session: AsyncSession, article_ids: Sequence[uuid.UUID], *, with_content: bool = False
) -> dict[uuid.UUID, list[ArticleFile]]:
    """Files of several articles in one query; the bytes only when asked for."""
    statement = select(ArticleFile).where(col(ArticleFile.article_id).in_(article_ids))
    if not with_content:
        statement = statement.options(defer(ArticleFile.content))  # type: ignore[arg-type]
    statement = statement.order_by(col(ArticleFile.kind).desc(), col(ArticleFile.filename))
    grouped: dict[uuid.UUID, list[ArticleFile]] = defaultdict(list)
    for file in (await session.exec(statement)).all():
        grouped[file.article_id].append(file)
    return grouped


def move_to(
    article: Article,
    stage: ProcessingStage,
    *,
    status: ProcessingStatus = ProcessingStatus.PROCESSING,
    error: str | None = None,
) -> None:
    """One status change: bumps the version that subscribers order events by. Not committed."""
    now = utcnow()
    if status is ProcessingStatus.PROCESSING and article.processing_started_at is None:
        article.processing_started_at = now
    article.processing_status = status
    article.processing_stage = stage
    article.processing_error = error
    article.processing_completed_at = now if status.is_terminal else None
    article.version += 1
    article.updated_at = now


def record_analysis(article: Article, result: AnalysisResult) -> None:
    """The analysis completed: its weight, methods and token usage, and COMPLETED, in one
    change (committed with the cost model parts: no half-written result). Not committed."""
    weight = result.weight
    article.unit_weight = weight.kilograms if weight else None
    article.weight_method = weight.method if weight else None
    article.weight_evidence = weight.evidence if weight else None
    article.weight_confidence = weight.confidence if weight else None
    article.cost_model_method = result.cost_model_method
    if result.llm_calls:
        # Usage adds up over re-analyses: it is what the article has cost in LLM calls.
        article.llm_model = result.llm_model
        article.llm_prompt_tokens += result.llm_prompt_tokens
        article.llm_completion_tokens += result.llm_completion_tokens
        article.llm_calls += result.llm_calls
    move_to(article, ProcessingStage.DONE, status=ProcessingStatus.COMPLETED)


def restart(article: Article) -> None:
    """Begin a new analysis attempt (a new job id). Not committed."""
    article.analysis_attempt += 1
    article.processing_started_at = None
    move_to(article, ProcessingStage.QUEUED)


async def list_stale_processing(
    session: AsyncSession, *, updated_before: datetime, limit: int
) -> list[Article]:
    """PROCESSING articles that have not moved since `updated_before`, oldest first, locked
    for this transaction; rows another transaction holds (a running job) are skipped."""
    statement = (
        select(Article)
        .where(col(Article.processing_status) == ProcessingStatus.PROCESSING)
        .where(col(Article.updated_at) < updated_before)
        .order_by(col(Article.updated_at))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list((await session.exec(statement)).all())


def run_started_at(article: Article) -> datetime:
    """When the current analysis run began: its first stage, or its submission."""
    return article.processing_started_at or article.created_at


def requeue(article: Article) -> None:
    """A new attempt (a new job id) for an article whose job was lost. Unlike restart(), the
    run keeps its start time, which bounds how long the sweep keeps trying. Not committed."""
    article.processing_started_at = run_started_at(article)
    article.analysis_attempt += 1
    move_to(article, ProcessingStage.QUEUED)
