"""Read-side resolvers: each reads the context, calls a service, wraps the rows."""

import uuid
from collections.abc import Iterable
from typing import Annotated, Any

import strawberry
from strawberry.types import Info
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField

from cost_model_service.articles import service as articles
from cost_model_service.articles.schemas import ArticleCursor
from cost_model_service.articles.status import StatusEvent
from cost_model_service.cost_indices import service as cost_indices
from cost_model_service.errors import BadUserInput
from cost_model_service.graphql import cursors
from cost_model_service.graphql.context import Context
from cost_model_service.graphql.types import (
    Article,
    ArticleConnection,
    ArticleEdge,
    ArticleStatus,
    CostIndex,
    PageInfo,
    ProcessingStatus,
    parse_id,
)

MAX_PAGE_SIZE = 100

# The arguments of every article connection (`articles`, `AnalysisBatch.articles`).
PageSize = Annotated[int, strawberry.argument(description=f"Page size, 1 to {MAX_PAGE_SIZE}.")]
PageAfter = Annotated[
    str | None,
    strawberry.argument(
        description="A cursor (endCursor of the previous page): the articles after it."
    ),
]
StatusFilter = Annotated[
    ProcessingStatus | None,
    strawberry.argument(description="Only articles in this status."),
]

ArticleId = Annotated[strawberry.ID, strawberry.argument(description="The article's id.")]


def _selects(selections: Iterable[Any], name: str) -> bool:
    """Whether `name` is asked for among these selections (fragments included)."""
    for selection in selections:
        if isinstance(selection, SelectedField) and selection.name == name:
            return True
        if isinstance(selection, FragmentSpread | InlineFragment) and _selects(
            selection.selections, name
        ):
            return True
    return False


async def article_connection(
    info: Info[Context, None],
    *,
    first: int,
    after: str | None,
    status: ProcessingStatus | None,
    batch_id: uuid.UUID | None = None,
) -> ArticleConnection:
    """A page of the tenant's articles (or of one batch's): `articles` and
    `AnalysisBatch.articles` page alike."""
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise BadUserInput(f"first must be between 1 and {MAX_PAGE_SIZE}")
    context = info.context
    cursor = cursors.decode(after) if after else None
    # Counted only when asked for (it is one more query).
    wanted = any(_selects(field.selections, "totalCount") for field in info.selected_fields)
    async with context.db() as session:
        rows, has_next = await articles.list_page(
            session, context.tenant_id, first=first, after=cursor, status=status, batch_id=batch_id
        )
        total = (
            await articles.count(session, context.tenant_id, status=status, batch_id=batch_id)
            if wanted
            else 0
        )
    edges = [
        ArticleEdge(
            cursor=cursors.encode(ArticleCursor(r.created_at, r.id)), node=Article.from_row(r)
        )
        for r in rows
    ]
    return ArticleConnection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )


@strawberry.type(
    description="Reading articles, their status and the cost index catalogue "
    "(articles: always the caller's tenant's only)."
)
class Query:
    @strawberry.field(description="One article; NOT_FOUND when there is none with this id.")
    async def article(self, info: Info[Context, None], id: ArticleId) -> Article | None:
        context = info.context
        article_id = parse_id(id)
        async with context.db() as session:
            row = await articles.get_or_raise(session, article_id, context.tenant_id)
        return Article.from_row(row)

    @strawberry.field(description="The polling fallback for the articleStatus subscription.")
    async def article_status(
        self, info: Info[Context, None], id: ArticleId
    ) -> ArticleStatus | None:
        context = info.context
        article_id = parse_id(id)
        async with context.db() as session:
            row = await articles.get_or_raise(session, article_id, context.tenant_id)
        return ArticleStatus.from_pydantic(StatusEvent.from_article(row))

    @strawberry.field(
        description="Articles, newest first, optionally only those in one "
        "status: a Relay connection (Apollo: relayStylePagination)."
    )
    async def articles(
        self,
        info: Info[Context, None],
        first: PageSize = 20,
        after: PageAfter = None,
        status: StatusFilter = None,
    ) -> ArticleConnection:
        return await article_connection(info, first=first, after=after, status=status)

    @strawberry.field(description="The catalogue of cost indices cost models are split into.")
    async def cost_indices(self, info: Info[Context, None]) -> list[CostIndex]:
        async with info.context.db() as session:
            rows = await cost_indices.list_all(session)
        return [CostIndex.from_row(row) for row in rows]
