"""Write-side resolvers of index series, bindings, prices, cost models and alerts.

The use cases commit and return the alerts that fired; `_announce` publishes them to the
tenant's priceAlerts subscribers (an import leaves evaluating to a background job)."""

from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info

from cost_model_service.articles.models import FileKind
from cost_model_service.events.publisher import RedisPublisher
from cost_model_service.graphql.context import Context
from cost_model_service.graphql.price_alert_types import PriceAlert, PriceAlertKind
from cost_model_service.graphql.pricing_enums import IndexFileFormat
from cost_model_service.graphql.pricing_types import (
    CostIndexBinding,
    CostModelPartInput,
    IndexImportResult,
    IndexSeries,
)
from cost_model_service.graphql.types import Article, parse_id
from cost_model_service.graphql.uploads import read_upload
from cost_model_service.index_series.importers import IndexFileFormat as FileFormatValue
from cost_model_service.price_alerts import feed
from cost_model_service.price_alerts.models import PriceAlertKind as AlertKindValue
from cost_model_service.price_alerts.service import FiredAlert
from cost_model_service.pricing import service as pricing


def _arg(description: str) -> object:
    return strawberry.argument(description=description)


ArticleId = Annotated[strawberry.ID, _arg("The article (one of the caller's tenant's).")]
Month = Annotated[str, _arg("The month, YYYY-MM.")]


async def _announce(context: Context, fired: list[FiredAlert]) -> None:
    await feed.announce(RedisPublisher(context.services.queue), context.settings.redis_keys, fired)


@strawberry.type
class PricingMutation:
    @strawberry.mutation(
        description="Import index values (all or nothing); a revised value "
        "keeps its earlier vintage. AUTO detects the format from the header."
    )
    async def import_index_series(
        self,
        info: Info[Context, None],
        file: Annotated[
            Upload, _arg("The index file (multipart upload), within the upload size limit.")
        ],
        format: Annotated[
            IndexFileFormat,  # type: ignore[valid-type]
            _arg("Its layout; AUTO detects it from the header line."),
        ] = FileFormatValue.AUTO,
    ) -> IndexImportResult:
        context = info.context
        # The same bounded, checked read as specifications (the kind is not stored).
        upload = await read_upload(
            file, FileKind.specification, "file", context.settings.max_upload_bytes
        )
        async with context.db() as session:
            result = await pricing.import_index_file(
                session,
                context.services.queue,
                context.settings.redis_keys,
                context.tenant_id,
                upload.data,
                FileFormatValue(format),
            )
        return IndexImportResult(
            format=result.format,
            series=[IndexSeries.from_row(row) for row in result.series],
            observations_added=result.added,
            observations_revised=result.revised,
        )

    @strawberry.mutation(
        description="Which series drives a cost index, `lag` of the series' "
        "own periods back; without articleId the tenant-wide default."
    )
    async def bind_cost_index(
        self,
        info: Info[Context, None],
        index_code: Annotated[
            str, _arg("A catalogue cost index code (STEEL, LABOUR, ...; not FIXED).")
        ],
        series_code: Annotated[str, _arg("The code of one of the tenant's series.")],
        lag: Annotated[int, _arg("How many of the series' own periods to look back, 0 to 60.")] = 0,
        article_id: Annotated[
            strawberry.ID | None,
            _arg("The article whose own binding this is; null: the tenant-wide default."),
        ] = None,
    ) -> CostIndexBinding:
        context = info.context
        target = parse_id(article_id) if article_id is not None else None
        async with context.db() as session:
            binding, fired = await pricing.bind_cost_index(
                session, context.tenant_id, index_code, series_code, lag, target
            )
        await _announce(context, fired)
        return CostIndexBinding.from_row(binding)

    @strawberry.mutation(
        description="Replace a COMPLETED article's cost model: catalogue "
        "codes, each part > 0, summing to exactly 100.00."
    )
    async def update_cost_model(
        self,
        info: Info[Context, None],
        article_id: ArticleId,
        parts: Annotated[
            list[CostModelPartInput],
            _arg("The new model: catalogue codes, no duplicates, each > 0, summing to 100.00."),
        ],
    ) -> Article:
        context = info.context
        async with context.db() as session:
            row, fired = await pricing.update_cost_model(
                session,
                context.tenant_id,
                parse_id(article_id),
                [(part.index_code, part.part) for part in parts],
            )
        await _announce(context, fired)
        return Article.from_row(row)

    @strawberry.mutation(
        description="P0: the price agreed in a base month (YYYY-MM), in an ISO 4217 currency."
    )
    async def set_price_basis(
        self,
        info: Info[Context, None],
        article_id: ArticleId,
        price: Annotated[Decimal, _arg("P0, the agreed price (> 0).")],
        currency: Annotated[str, _arg("Its ISO 4217 currency code, e.g. EUR.")],
        period: Annotated[str, _arg("The base month b, YYYY-MM.")],
    ) -> Article:
        context = info.context
        async with context.db() as session:
            row, fired = await pricing.set_price_basis(
                session, context.tenant_id, parse_id(article_id), price, currency, period
            )
        await _announce(context, fired)
        return Article.from_row(row)

    @strawberry.mutation(description="What was paid in a month (YYYY-MM).")
    async def record_paid_price(
        self,
        info: Info[Context, None],
        article_id: ArticleId,
        period: Month,
        price: Annotated[Decimal, _arg("The price paid (> 0), in the basis' currency.")],
    ) -> Article:
        context = info.context
        async with context.db() as session:
            row, fired = await pricing.record_paid_price(
                session, context.tenant_id, parse_id(article_id), period, price
            )
        await _announce(context, fired)
        return Article.from_row(row)

    @strawberry.mutation(
        description="Fires when |percent| reaches the threshold, re-arms "
        "under threshold - 1; evaluated at once."
    )
    async def create_price_alert(
        self,
        info: Info[Context, None],
        article_id: ArticleId,
        kind: Annotated[PriceAlertKind, _arg("What to watch.")],  # type: ignore[valid-type]
        threshold_percent: Annotated[
            Decimal, _arg("Fires when |percent| reaches this: 1 to 1000, at most 2 decimals.")
        ],
    ) -> PriceAlert:
        context = info.context
        async with context.db() as session:
            alert, fired = await pricing.create_price_alert(
                session,
                context.tenant_id,
                parse_id(article_id),
                AlertKindValue(kind),
                threshold_percent,
            )
        await _announce(context, fired)
        return PriceAlert.from_row(alert)

    @strawberry.mutation(
        description="Delete one of the tenant's alerts (and the events it fired); true when done."
    )
    async def delete_price_alert(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, _arg("The alert's id.")],
    ) -> bool:
        context = info.context
        async with context.db() as session:
            await pricing.delete_price_alert(
                session, context.tenant_id, parse_id(id, "price alert")
            )
        return True
