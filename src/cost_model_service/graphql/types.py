"""GraphQL object types. They wrap model rows; nested lists load through DataLoaders.

Every type and field carries a description (GraphiQL's docs pane and Apollo's codegen show
them): what it means, its unit, and when it is null.
"""

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
from cost_model_service.graphql.article_pricing import ArticlePricing
from cost_model_service.graphql.enums import described_enum

if TYPE_CHECKING:
    from cost_model_service.graphql.context import Context

d = strawberry.field  # short: almost every field below is only a description

# The model's enums themselves, not copies: their member names are the GraphQL values.
described_enum(
    ProcessingStatus,
    "Where an article's analysis stands.",
    {
        "PENDING": "Created, not submitted yet.",
        "PROCESSING": "Queued or running; processingStage says which step.",
        "COMPLETED": "Finished: unitWeight (if found) and costModel are set.",
        "FAILED": "Finished without a result; processingError says why.",
    },
)
described_enum(
    ProcessingStage,
    "The step an analysis is in, in this order.",
    {
        "QUEUED": "Waiting for a worker.",
        "EXTRACTING_TEXT": "Reading text (and OCR) from the uploaded files.",
        "EXTRACTING_METADATA": "Finding the unit weight.",
        "GENERATING_COST_MODEL": "Splitting the cost into cost index shares.",
        "SAVING": "Writing the results.",
        "DONE": "Nothing more to do (COMPLETED or FAILED).",
    },
)


# The status fields Article repeats mean what they mean on StatusEvent.
_FIELDS = StatusEvent.model_fields
_STATUS = _FIELDS["processing_status"].description
_STAGE = _FIELDS["processing_stage"].description
_ERROR = _FIELDS["processing_error"].description
_STARTED = _FIELDS["processing_started_at"].description
_COMPLETED = _FIELDS["processing_completed_at"].description


# Fields (order, types, descriptions) come from the one status shape, StatusEvent.
@strawberry.experimental.pydantic.type(
    model=StatusEvent,
    all_fields=True,
    description="An article's progress: what the articleStatus subscription sends on every "
    "change, and the articleStatus query answers.",
)
class ArticleStatus:
    id: strawberry.ID


# Converted events by identity, each kept with its event (so that its id is not reused).
_converted: dict[int, tuple[StatusEvent, ArticleStatus]] = {}
_CONVERTED_KEPT = 256


def status_of_event(event: StatusEvent) -> ArticleStatus:
    """The GraphQL value of a status event, converted once however many subscribers send
    it: the stream hands every local subscriber of a channel the same parsed event
    (events/stream.py), and strawberry only reads the value."""
    kept = _converted.get(id(event))
    if kept is not None and kept[0] is event:
        return kept[1]
    converted = ArticleStatus.from_pydantic(event)
    if len(_converted) >= _CONVERTED_KEPT:
        del _converted[next(iter(_converted))]
    _converted[id(event)] = (event, converted)
    return converted


@strawberry.type(
    description="A published price index that part of an article's cost follows "
    "(steel, labour, electricity, freight, ...). The catalogue is shared "
    "by all tenants."
)
class CostIndex:
    id: strawberry.ID = d(description="The index's id.")
    code: str = d(description="Stable short code, e.g. STEEL; use it as the key.")
    name: str = d(description="Human-readable name.")
    category: str = d(description="material, labour, energy, logistics or fixed.")
    unit: str | None = d(
        description="What the index is quoted in (e.g. index points, "
        "EUR/t); null when not recorded."
    )
    description: str | None = d(description="What the index covers; null when not recorded.")
    source_reference: str | None = d(
        description="Where the index is published (e.g. a "
        "Eurostat dataset code); null when unknown."
    )

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


@strawberry.type(
    description="One share of an article's cost model: how much of the cost follows one cost index."
)
class CostModelPart:
    index: CostIndex = d(description="The cost index this share follows.")
    part: float = d(description="Percent, two decimals; an article's parts sum to 100.")
    rationale: str | None = d(
        description="Why this share, in a sentence; null when the analyzer gave none."
    )


@strawberry.type(description="A file uploaded with an article (its bytes are not served).")
class ArticleFile:
    kind: str = d(description="specification or drawing.")
    filename: str = d(description="The uploaded name, reduced to a plain base name.")
    content_type: str | None = d(
        description="The content type the client declared; null when it declared none."
    )
    size: int = d(description="Size in bytes.")
    sha256: str = d(description="SHA-256 of the bytes, hex.")

    @classmethod
    def from_row(cls, row: ArticleFileRow) -> "ArticleFile":
        return cls(
            kind=row.kind,
            filename=row.filename,
            content_type=row.content_type,
            size=row.size,
            sha256=row.sha256,
        )


@strawberry.type(description="How the unit weight was found.")
class WeightExtraction:
    method: str = d(description="The analyzer that found it: rules, openai, ...")
    evidence: str | None = d(
        description="The snippet of the specification the weight was "
        "read from; null when there is none to quote."
    )
    confidence: float | None = d(
        description="0 to 1, the analyzer's own estimate; null when it gave none."
    )


@strawberry.type(description="What the LLM calls for an article cost, over all its analyses.")
class LLMUsage:
    model: str = d(description="The model that answered (the last one, if it changed).")
    prompt_tokens: int = d(description="Input tokens, summed.")
    completion_tokens: int = d(description="Output tokens, summed.")
    calls: int = d(description="Calls made; answers served from the cache are not counted.")


@strawberry.type(
    description="A purchased article: its uploaded specification and what the "
    "analysis found (unit weight, cost model)."
)
class Article(ArticlePricing):  # + priceBasis, paidPrices, costIndexBindings, priceProjection
    row: strawberry.Private[ArticleRow]
    id: strawberry.ID = d(description="The article's id (a UUID).")
    article_name: str = d(description="The name given at upload, trimmed.")
    description: str | None = d(description="The description given at upload; null if none.")
    unit_weight: float | None = d(
        description="Weight of one unit in kg; null until COMPLETED, "
        "and when the specification does not give it."
    )
    processing_status: ProcessingStatus = d(description=_STATUS)
    processing_stage: ProcessingStage = d(description=_STAGE)
    processing_error: str | None = d(description=_ERROR)
    processing_started_at: datetime | None = d(description=_STARTED)
    processing_completed_at: datetime | None = d(description=_COMPLETED)
    created_at: datetime = d(description="When the article was uploaded.")
    updated_at: datetime = d(description="When the article last changed.")
    cost_model_method: str | None = d(
        description="How the cost model was made (openai, or "
        "rules-heuristic: a rough default by "
        "material); null until COMPLETED."
    )
    batch_id: strawberry.ID | None = d(
        default=None,
        description="The analysis batch (analyzeArticles) the article was "
        "submitted in; null for a single upload.",
    )

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
            batch_id=None if row.batch_id is None else strawberry.ID(str(row.batch_id)),
        )

    @strawberry.field(description="How unitWeight was found; null when it was not.")
    def weight_extraction(self) -> WeightExtraction | None:
        if self.row.weight_method is None:
            return None
        return WeightExtraction(
            method=self.row.weight_method,
            evidence=self.row.weight_evidence,
            confidence=self.row.weight_confidence,
        )

    @strawberry.field(
        description="Tokens the LLM calls cost; null when no call was made "
        "(offline rules analyzer, or every answer was cached)."
    )
    def llm_usage(self) -> LLMUsage | None:
        if not self.row.llm_calls:
            return None
        return LLMUsage(
            model=self.row.llm_model or "",
            prompt_tokens=self.row.llm_prompt_tokens,
            completion_tokens=self.row.llm_completion_tokens,
            calls=self.row.llm_calls,
        )

    @strawberry.field(description="The uploaded files, specification first.")
    async def files(self, info: Info["Context", None]) -> list[ArticleFile]:
        rows = await info.context.loaders.files.load(self.row.id)
        return [ArticleFile.from_row(row) for row in rows]

    @strawberry.field(
        description="The cost split into cost index shares summing to 100; empty until COMPLETED."
    )
    async def cost_model(self, info: Info["Context", None]) -> list[CostModelPart]:
        rows = await info.context.loaders.cost_models.load(self.row.id)
        return [
            CostModelPart(
                index=CostIndex.from_row(index), part=float(part.part), rationale=part.rationale
            )
            for part, index in rows
        ]


@strawberry.type(
    description="Where a page sits in the list (Relay's PageInfo, as Apollo's "
    "relayStylePagination reads it)."
)
class PageInfo:
    has_next_page: bool = d(
        description="True when articles follow this page: ask for them with after: endCursor."
    )
    has_previous_page: bool = d(
        description="True when this page was asked for with after: (articles come before it)."
    )
    start_cursor: str | None = d(description="Cursor of the first edge; null on an empty page.")
    end_cursor: str | None = d(description="Cursor of the last edge; null on an empty page.")


@strawberry.type(description="One article in a page of the list.")
class ArticleEdge:
    cursor: str = d(
        description="Opaque position of this article; pass it as after: to get "
        "the articles that follow."
    )
    node: Article = d(description="The article.")


@strawberry.type(description="A page of articles, newest first (a Relay connection).")
class ArticleConnection:
    edges: list[ArticleEdge] = d(description="The articles on this page.")
    page_info: PageInfo = d(description="Whether more pages exist, and the cursors to get them.")
    total_count: int = d(
        description="How many articles the list has in all (with the same "
        "status filter), over every page."
    )


def parse_id(value: str, what: str = "article") -> uuid.UUID:
    from cost_model_service.errors import BadUserInput

    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise BadUserInput(f"'{value}' is not a valid {what} id") from None
