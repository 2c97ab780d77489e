"""Write-side resolvers."""

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info

from cost_model_service.analysis import submission
from cost_model_service.articles.models import FileKind
from cost_model_service.graphql.context import Context
from cost_model_service.graphql.types import Article, parse_id
from cost_model_service.graphql.uploads import read_upload
from cost_model_service.ratelimit import check_rate_limit


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Upload a specification (and optionally a drawing). Returns at once with "
        "the article PROCESSING; follow it with the articleStatus subscription."
    )
    async def analyze_article(
        self,
        info: Info[Context, None],
        *,
        article_name: str,
        description: str | None = None,
        product_specification: Upload,
        drawing: Upload | None = None,
    ) -> Article:
        context = info.context
        await check_rate_limit(context.services.queue, context.settings, context.rate_limit_key)
        limit = context.settings.max_upload_bytes
        files = [
            await read_upload(product_specification, FileKind.specification,
                              "productSpecification", limit)
        ]
        if drawing is not None:
            files.append(await read_upload(drawing, FileKind.drawing, "drawing", limit))
        row = await submission.submit(
            context.session,
            context.services.queue,
            context.settings,
            context.tenant_id,
            article_name=article_name,
            description=description,
            files=files,
        )
        return Article.from_row(row)

    @strawberry.mutation(
        description="Analyze a COMPLETED or FAILED article again (e.g. after an LLM outage); "
        "its cost model is replaced when the new analysis completes."
    )
    async def reanalyze_article(self, info: Info[Context, None], id: strawberry.ID) -> Article:
        context = info.context
        row = await submission.resubmit(
            context.session, context.services.queue, context.settings, context.tenant_id,
            parse_id(id),
        )
        return Article.from_row(row)
