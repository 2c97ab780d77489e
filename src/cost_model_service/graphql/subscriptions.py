"""Live updates over WebSocket (graphql-transport-ws and the legacy graphql-ws): an
article's status, and the tenant's price alerts."""

from collections.abc import AsyncGenerator
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from cost_model_service.articles.status import status_stream
from cost_model_service.graphql.context import Context
from cost_model_service.graphql.price_alert_types import PriceAlertEvent
from cost_model_service.graphql.pricing_types import given
from cost_model_service.graphql.types import ArticleStatus, parse_id, status_of_event
from cost_model_service.price_alerts.feed import alert_stream


@strawberry.type(
    description="Live updates over WebSocket (graphql-transport-ws or the legacy graphql-ws)."
)
class Subscription:
    @strawberry.subscription(
        description="The article's current status at once, then every change, ending after "
        "COMPLETED or FAILED."
    )
    async def article_status(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The article's id.")],
    ) -> AsyncGenerator[ArticleStatus, None]:
        # Returns the stream rather than yielding from it: one generator per subscriber,
        # not two (each is held for as long as the subscription lasts).
        services = info.context.services
        try:
            article_id, tenant_id = parse_id(id), info.context.tenant_id
        except Exception as error:
            return _failing(error)
        return status_stream(
            services.sessionmaker,
            services.broadcaster,
            services.settings.redis_keys,
            article_id,
            tenant_id,
            status_of_event,
        )

    @strawberry.subscription(
        description="The caller's tenant's price alerts as they fire (never another "
        "tenant's), from now on; with `after`, first those fired since that sequence."
    )
    async def price_alerts(
        self,
        info: Info[Context, None],
        after: Annotated[
            int | None,
            strawberry.argument(
                description="The sequence of the last event this client received (say, before "
                "it reconnected): the alerts fired since are delivered first, from the "
                "database."
            ),
        ] = strawberry.UNSET,
    ) -> AsyncGenerator[PriceAlertEvent, None]:
        services = info.context.services
        stream = alert_stream(
            services.sessionmaker,
            services.broadcaster,
            services.settings.redis_keys,
            info.context.tenant_id,
            after if given(after) else None,
        )
        async for event in stream:
            yield PriceAlertEvent.from_event(event)


async def _failing(error: Exception) -> AsyncGenerator[Any, None]:
    """Raises at the first result, as the resolver did when it was a generator itself: an
    error in the arguments or credentials arrives as an operation result with the error
    (graphql-transport-ws `next`), not as a failure to start the subscription."""
    if error:  # always; the yield below makes this a generator
        raise error
    yield None
