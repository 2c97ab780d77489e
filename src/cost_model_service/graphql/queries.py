"""Read-side resolvers: each reads the context, calls a service, wraps the rows."""

import strawberry
from strawberry.types import Info

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


@strawberry.type
class Query:
    @strawberry.field(description="One article; NOT_FOUND when there is none with this id.")
    async def article(self, info: Info[Context, None], id: strawberry.ID) -> Article | None:
        context = info.context
        row = await articles.get_or_raise(context.session, parse_id(id), context.tenant_id)
        return Article.from_row(row)

    @strawberry.field(description="The polling fallback for the articleStatus subscription.")
    async def article_status(
        self, info: Info[Context, None], id: strawberry.ID
    ) -> ArticleStatus | None:
        context = info.context
        row = await articles.get_or_raise(context.session, parse_id(id), context.tenant_id)
        return ArticleStatus.from_pydantic(StatusEvent.from_article(row))

    @strawberry.field(description="Articles, newest first, optionally only those in one status.")
    async def articles(
        self,
        info: Info[Context, None],
        first: int = 20,
        after: str | None = None,
        status: ProcessingStatus | None = None,
    ) -> ArticleConnection:
        if not 1 <= first <= MAX_PAGE_SIZE:
            raise BadUserInput(f"first must be between 1 and {MAX_PAGE_SIZE}")
        rows, has_next = await articles.list_page(
            info.context.session,
            info.context.tenant_id,
            first=first,
            after=cursors.decode(after) if after else None,
            status=status,
        )
        edges = [
            ArticleEdge(cursor=cursors.encode(ArticleCursor(r.created_at, r.id)),
                        node=Article.from_row(r))
            for r in rows
        ]
        return ArticleConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=has_next,
                               end_cursor=edges[-1].cursor if edges else None),
        )

    @strawberry.field(description="The catalogue of cost indices cost models are split into.")
    async def cost_indices(self, info: Info[Context, None]) -> list[CostIndex]:
        rows = await cost_indices.list_all(info.context.session)
        return [CostIndex.from_row(row) for row in rows]
