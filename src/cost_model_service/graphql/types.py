"""GraphQL object types. They wrap model rows; nested lists load through DataLoaders."""

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

import strawberry
from strawberry.types import Info

from cost_model_service.articles.models import Article as ArticleRow
from cost_model_service.articles.models import ArticleFile as ArticleFileRow
from cost_model_service.articles.models import ProcessingStage as ProcessingStage
from cost_model_service.articles.models import ProcessingStatus as ProcessingStatus
from cost_model_service.articles.status import StatusEvent
from cost_model_service.cost_indices.models import CostIndex as CostIndexRow

if TYPE_CHECKING:
    from cost_model_service.graphql.context import Context


# The model's enums themselves, not copies: their member names are the GraphQL values.
strawberry.enum(ProcessingStatus)
strawberry.enum(ProcessingStage)


# Fields (order, types, descriptions) come from the one status shape, StatusEvent.
@strawberry.experimental.pydantic.type(model=StatusEvent, all_fields=True)
class ArticleStatus:
    id: strawberry.ID


@strawberry.type
class CostIndex:
    id: strawberry.ID
    code: str
    name: str
    category: str
    unit: str | None
    description: str | None
    source_reference: str | None

    @classmethod
    def from_row(cls, row: CostIndexRow) -> "CostIndex":
        return cls(
            id=strawberry.ID(str(row.id)),
            code=row.code,
            name=row.name,
            category=row.category,
            unit=row.unit,
            description=row.description,
            source_reference=row.source_reference,
        )


@strawberry.type
class CostModelPart:
    index: CostIndex
    part: float = strawberry.field(description="Percent; an article's parts sum to 100.")
    rationale: str | None


@strawberry.type
class ArticleFile:
    kind: str
    filename: str
    content_type: str | None
    size: int
    sha256: str

    @classmethod
    def from_row(cls, row: ArticleFileRow) -> "ArticleFile":
        return cls(
            kind=row.kind,
            filename=row.filename,
            content_type=row.content_type,
            size=row.size,
            sha256=row.sha256,
        )


@strawberry.type
class WeightExtraction:
    method: str
    evidence: str | None
    confidence: float | None


@strawberry.type
class LLMUsage:
    model: str
    prompt_tokens: int
    completion_tokens: int
    calls: int


@strawberry.type
class Article:
    row: strawberry.Private[ArticleRow]
    id: strawberry.ID
    article_name: str
    description: str | None
    unit_weight: float | None = strawberry.field(description="Unit weight in kg.")
    processing_status: ProcessingStatus
    processing_stage: ProcessingStage
    processing_error: str | None
    processing_started_at: datetime | None
    processing_completed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    cost_model_method: str | None

    @classmethod
    def from_row(cls, row: ArticleRow) -> "Article":
        return cls(
            row=row,
            id=strawberry.ID(str(row.id)),
            article_name=row.article_name,
            description=row.description,
            unit_weight=None if row.unit_weight is None else float(row.unit_weight),
            processing_status=row.processing_status,
            processing_stage=row.processing_stage,
            processing_error=row.processing_error,
            processing_started_at=row.processing_started_at,
            processing_completed_at=row.processing_completed_at,
            created_at=row.created_at,
            updated_at=row.updated_at,
            cost_model_method=row.cost_model_method,
        )

    @strawberry.field
    def weight_extraction(self) -> WeightExtraction | None:
        if self.row.weight_method is None:
            return None
        return WeightExtraction(
            method=self.row.weight_method,
            evidence=self.row.weight_evidence,
            confidence=self.row.weight_confidence,
        )

    @strawberry.field
    def llm_usage(self) -> LLMUsage | None:
        if not self.row.llm_calls:
            return None
        return LLMUsage(
            model=self.row.llm_model or "",
            prompt_tokens=self.row.llm_prompt_tokens,
            completion_tokens=self.row.llm_completion_tokens,
            calls=self.row.llm_calls,
        )

    @strawberry.field
    async def files(self, info: Info["Context", None]) -> list[ArticleFile]:
        rows = await info.context.loaders.files.load(self.row.id)
        return [ArticleFile.from_row(row) for row in rows]

    @strawberry.field
    async def cost_model(self, info: Info["Context", None]) -> list[CostModelPart]:
        rows = await info.context.loaders.cost_models.load(self.row.id)
        return [
            CostModelPart(index=CostIndex.from_row(index), part=float(part.part),
                          rationale=part.rationale)
            for part, index in rows
        ]


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class ArticleEdge:
    cursor: str
    node: Article


@strawberry.type
class ArticleConnection:
    edges: list[ArticleEdge]
    page_info: PageInfo


def parse_id(value: str, what: str = "article") -> uuid.UUID:
    from cost_model_service.errors import BadUserInput

    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise BadUserInput(f"'{value}' is not a valid {what} id") from None
