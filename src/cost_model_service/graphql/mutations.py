"""Write-side resolvers."""

from typing import Annotated

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info

from cost_model_service.analysis import submission
from cost_model_service.articles import service as articles
from cost_model_service.articles.models import FileKind
from cost_model_service.graphql.context import Context
from cost_model_service.graphql.types import Article, parse_id
from cost_model_service.graphql.uploads import read_upload
from cost_model_service.ratelimit import check_rate_limit


@strawberry.type(description="Starting analyses.")
class Mutation:
    @strawberry.mutation(
        description="Upload a specification (and optionally a drawing). Returns at once with "
        "the article PROCESSING; follow it with the articleStatus subscription."
    )
    async def analyze_article(
        self,
        info: Info[Context, None],
        *,
        article_name: Annotated[
            str,
            strawberry.argument(
                description="The article's name (not blank, at most 255 characters)."
            ),
        ],
        description: Annotated[
            str | None, strawberry.argument(description="Free text kept with the article.")
        ] = None,
        product_specification: Annotated[
            Upload,
            strawberry.argument(
                description="The specification: txt, md, csv, json, html, pdf, docx, xlsx, png "
                "or jpeg, at most CMS_MAX_UPLOAD_BYTES."
            ),
        ],
        drawing: Annotated[
            Upload | None,
            strawberry.argument(description="An optional drawing (pdf or image), read alongside."),
        ] = None,
    ) -> Article:
        context = info.context
        limit = context.settings.max_upload_bytes
        files = [
            await read_upload(
                product_specification, FileKind.specification, "productSpecification", limit
            )
        ]
        if drawing is not None:
            files.append(await read_upload(drawing, FileKind.drawing, "drawing", limit))
        # Everything the client sent is checked before the call is counted: refused
        # input costs no rate-limit budget.
        articles.validate_new_article(article_name, description, files)
        await check_rate_limit(context.services.queue, context.settings, context.rate_limit_key)
        async with context.db() as session:
            row = await submission.submit(
                session,
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
    async def reanalyze_article(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The article's id.")],
    ) -> Article:
        context = info.context
        article_id = parse_id(id)
        async with context.db() as session:
            row = await submission.resubmit(
                session,
                context.services.queue,
                context.settings,
                context.tenant_id,
                article_id,
            )
        return Article.from_row(row)
