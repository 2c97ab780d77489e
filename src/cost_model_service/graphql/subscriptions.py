"""Live status over WebSocket (graphql-transport-ws and the legacy graphql-ws)."""

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry
from strawberry.types import Info

from cost_model_service.articles.status import status_stream
from cost_model_service.graphql.context import Context
from cost_model_service.graphql.types import ArticleStatus, parse_id, status_of_event


@strawberry.type(description="Live updates over WebSocket (graphql-transport-ws or the "
                             "legacy graphql-ws).")
class Subscription:
    @strawberry.subscription(
        description="The article's current status at once, then every change, ending after "
        "COMPLETED or FAILED."
    )
    async def article_status(
        self, info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The article's id.")],
    ) -> AsyncGenerator[ArticleStatus, None]:
        services = info.context.services
        article_id = parse_id(id)
        stream = status_stream(
            services.sessionmaker,
            services.broadcaster,
            services.settings.redis_keys,
            article_id,
            info.context.tenant_id,
        )
        async for event in stream:
            yield status_of_event(event)
