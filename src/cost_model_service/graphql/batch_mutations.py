"""analyzeArticles: many articles in one request, followed as one batch."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from cost_model_service.articles.models import FileKind
from cost_model_service.articles.schemas import NewFile
from cost_model_service.batches import service as batches
from cost_model_service.batches.submission import submit_batch
from cost_model_service.config import Settings
from cost_model_service.errors import BadUserInput, PayloadTooLarge, TooManyItems
from cost_model_service.graphql.batch_types import AnalysisBatch, ArticleUploadInput
from cost_model_service.graphql.context import Context
from cost_model_service.graphql.uploads import read_upload
from cost_model_service.ratelimit import check_rate_limit


async def _read_items(items: list[ArticleUploadInput], settings: Settings) -> list[batches.NewItem]:
    """Every file read (each within CMS_MAX_UPLOAD_BYTES, all within CMS_BATCH_MAX_BYTES)
    and every item checked, before anything is stored or counted."""
    if not items:
        raise BadUserInput("items must hold at least one article")
    if len(items) > settings.batch_max_items:
        most = settings.batch_max_items
        raise TooManyItems(f"at most {most} items per request", max_items=most)
    limit, total, read = settings.max_upload_bytes, 0, []
    for n, item in enumerate(items):
        where = f"items.{n}"
        files: list[NewFile] = [
            await read_upload(
                item.product_specification,
                FileKind.specification,
                f"{where}.productSpecification",
                limit,
            )
        ]
        if item.drawing is not None:
            files.append(
                await read_upload(item.drawing, FileKind.drawing, f"{where}.drawing", limit)
            )
        total += sum(len(file.data) for file in files)
        if total > settings.batch_max_bytes:
            raise PayloadTooLarge(
                f"the files together are larger than the limit of {settings.batch_max_bytes} "
                "bytes per request"
            )
        new = batches.NewItem(item.article_name, item.description, files)
        try:
            batches.validate_items([new])
        except BadUserInput as error:
            raise BadUserInput(f"{where}: {error.message}") from None
        read.append(new)
    return read


@strawberry.type(description="Starting many analyses at once.")
class BatchMutation:
    @strawberry.mutation(
        description="Upload up to CMS_BATCH_MAX_ITEMS articles (each a specification and "
        "optionally a drawing) as one batch. Every item is checked before anything is stored; "
        "the rate limit counts each article. A batch one request can never carry "
        "(BAD_USER_INPUT or RATE_LIMITED) names the size to send in extensions.maxItems. "
        "Returns at once; follow the batch with the "
        "analysisBatch subscription or poll the analysisBatch query."
    )
    async def analyze_articles(
        self,
        info: Info[Context, None],
        items: Annotated[
            list[ArticleUploadInput],
            strawberry.argument(description="The articles, in the order their results are listed."),
        ],
    ) -> AnalysisBatch:
        context = info.context
        read = await _read_items(items, context.settings)
        await check_rate_limit(
            context.services.queue, context.settings, context.rate_limit_key, cost=len(read)
        )
        async with context.db() as session:
            batch = await submit_batch(
                session, context.services.queue, context.settings, context.tenant_id, read
            )
            counts = await batches.counts(session, batch.id)
        return AnalysisBatch.of(batch, counts)
