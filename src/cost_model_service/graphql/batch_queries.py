"""Reading and following a batch: the analysisBatch query (the polling fallback) and the
analysisBatch subscription."""

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry
from strawberry.types import Info

from cost_model_service.batches import service as batches
from cost_model_service.batches.progress import progress_stream
from cost_model_service.graphql.batch_types import AnalysisBatch, BatchProgress
from cost_model_service.graphql.context import Context
from cost_model_service.graphql.types import parse_id

BatchId = Annotated[strawberry.ID, strawberry.argument(description="The batch's id.")]


@strawberry.type(description="Reading batches.")
class BatchQuery:
    @strawberry.field(
        description="A batch's counts and articles; the polling fallback for "
        "the analysisBatch subscription. NOT_FOUND when there is "
        "none with this id."
    )
    async def analysis_batch(self, info: Info[Context, None], id: BatchId) -> AnalysisBatch | None:
        context = info.context
        batch_id = parse_id(id, "analysis batch")
        async with context.db() as session:
            row = await batches.get_or_raise(session, batch_id, context.tenant_id)
            counts = await batches.counts(session, batch_id)
        return AnalysisBatch.of(row, counts)


@strawberry.type(description="Following batches.")
class BatchSubscription:
    @strawberry.subscription(
        description="The batch's counts at once, then one event per article status change "
        "(article set), ending after the last article is COMPLETED or FAILED; a finished "
        "batch answers its final counts once."
    )
    async def analysis_batch(
        self, info: Info[Context, None], id: BatchId
    ) -> AsyncGenerator[BatchProgress, None]:
        services = info.context.services
        stream = progress_stream(
            services.sessionmaker,
            services.broadcaster,
            services.settings.redis_keys,
            parse_id(id, "analysis batch"),
            info.context.tenant_id,
        )
        async for progress in stream:
            yield BatchProgress.of(progress)
