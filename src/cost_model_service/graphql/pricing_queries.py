"""Read-side resolvers of index series, bindings and alerts."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from cost_model_service.articles import service as articles
from cost_model_service.graphql.context import Context
from cost_model_service.graphql.price_alert_types import PriceAlert
from cost_model_service.graphql.pricing_types import (
    CostIndexBinding,
    IndexSeries,
    given,
)
from cost_model_service.graphql.types import parse_id
from cost_model_service.index_series import service as series_service
from cost_model_service.price_alerts import service as alerts
from cost_model_service.pricing import bindings


@strawberry.type
class PricingQuery:
    @strawberry.field(
        description="One of the tenant's series; NOT_FOUND when it has none with this code."
    )
    async def index_series(
        self,
        info: Info[Context, None],
        code: Annotated[str, strawberry.argument(description="The series' code.")],
    ) -> IndexSeries | None:
        context = info.context
        async with context.db() as session:
            row = await series_service.get_by_code(session, context.tenant_id, code)
        return IndexSeries.from_row(row)

    @strawberry.field(description="The tenant's index series, by code.")
    async def index_series_list(self, info: Info[Context, None]) -> list[IndexSeries]:
        context = info.context
        async with context.db() as session:
            rows = await series_service.list_series(session, context.tenant_id)
        return [IndexSeries.from_row(row) for row in rows]

    @strawberry.field(description="The tenant-wide bindings (articles may override them).")
    async def cost_index_bindings(self, info: Info[Context, None]) -> list[CostIndexBinding]:
        context = info.context
        async with context.db() as session:
            rows = await bindings.tenant_defaults(session, context.tenant_id)
        return [CostIndexBinding.from_row(row) for row in rows]

    @strawberry.field(description="The tenant's alerts and their state, or one article's.")
    async def price_alerts(
        self,
        info: Info[Context, None],
        article_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only this article's alerts; none: all of the tenant's."
            ),
        ] = strawberry.UNSET,
    ) -> list[PriceAlert]:
        context = info.context
        article_uuid = parse_id(article_id) if given(article_id) else None
        async with context.db() as session:
            if article_uuid is not None:
                await articles.get_or_raise(session, article_uuid, context.tenant_id)
            rows = await alerts.list_alerts(session, context.tenant_id, article_uuid)
        return [PriceAlert.from_row(row) for row in rows]
