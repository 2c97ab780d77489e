"""GraphQL types of index series and pricing. Decimals travel as exact strings ("12.87").

This module must not import graphql/types.py at load time (types.py imports the Article
mixin from article_pricing.py, which imports this): CostIndex is referenced lazily."""

import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, TypeGuard, TypeVar

import strawberry
from strawberry.types import Info

from cost_model_service.graphql.pricing_enums import (
    Frequency,
    IndexFileFormat,
    ObservationStatus,
)
from cost_model_service.graphql.pricing_loaders import PricingLoaders, pricing_loaders
from cost_model_service.index_series.models import IndexObservation as ObservationRow
from cost_model_service.index_series.models import IndexSeries as SeriesRow
from cost_model_service.index_series.periods import window
from cost_model_service.pricing.models import CostIndexBinding as BindingRow
from cost_model_service.pricing.models import PaidPrice as PaidRow
from cost_model_service.pricing.models import PriceBasis as BasisRow

if TYPE_CHECKING:
    from cost_model_service.graphql.context import Context
    from cost_model_service.graphql.types import CostIndex

CostIndexRef = Annotated["CostIndex", strawberry.lazy("cost_model_service.graphql.types")]

T = TypeVar("T")


def given(value: T | None) -> TypeGuard[T]:
    """An optional argument the client sent (UNSET keeps `= null` out of the schema)."""
    return value is not None and value is not strawberry.UNSET


def loaders(info: Info["Context", None]) -> PricingLoaders:
    return pricing_loaders(info.context)


async def cost_index(
    info: Info["Context", None], *, id: uuid.UUID | None = None, code: str | None = None
) -> "CostIndex":
    from cost_model_service.graphql.types import CostIndex

    row = (
        await loaders(info).catalogue.load(code)
        if code is not None
        else await loaders(info).cost_indices.load(id)
        if id is not None
        else None
    )
    assert row is not None  # bindings and models reference existing catalogue rows
    return CostIndex.from_row(row)


@strawberry.type(description="One value of a series: the newest vintage of its period.")
class IndexObservation:
    period: str = strawberry.field(
        description="YYYY-MM, YYYY-Qn or YYYY, by the series' frequency."
    )
    value: Decimal = strawberry.field(description="The value, exactly as published.")
    status: ObservationStatus = strawberry.field(  # type: ignore[valid-type]
        description="How final the value is."
    )

    @classmethod
    def from_row(cls, row: ObservationRow) -> "IndexObservation":
        return cls(period=row.period, value=row.value, status=row.status)


@strawberry.type(
    description="An index series the tenant imported (a new base year is a new "
    "series: never divide across bases)."
)
class IndexSeries:
    row: strawberry.Private[SeriesRow]
    id: strawberry.ID = strawberry.field(description="The series' id.")
    code: str = strawberry.field(description="Unique within the tenant; what bindings name.")
    name: str = strawberry.field(description="A readable name (the code unless the file gave one).")
    source: str | None = strawberry.field(
        description="Where the values come from, as the file said (e.g. Eurostat)."
    )
    frequency: Frequency = strawberry.field(  # type: ignore[valid-type]
        description="How often it has a value."
    )
    base_label: str | None = strawberry.field(description="The base, e.g. 2021=100.")
    unit: str | None = strawberry.field(description="The unit, as the file said.")
    currency: str | None = strawberry.field(description="An ISO 4217 code, for series in money.")
    latest_period: str | None = strawberry.field(description="The newest period with a value.")

    @classmethod
    def from_row(cls, row: SeriesRow) -> "IndexSeries":
        return cls(
            row=row,
            id=strawberry.ID(str(row.id)),
            code=row.code,
            name=row.name,
            source=row.source,
            frequency=row.frequency,
            base_label=row.base_label,
            unit=row.unit,
            currency=row.currency,
            latest_period=row.latest_period,
        )

    @strawberry.field(
        description="Newest values, oldest first; from/to (inclusive) in any "
        "periods: YYYY-MM, YYYY-Qn or YYYY."
    )
    async def observations(
        self,
        info: Info["Context", None],
        from_: Annotated[
            str | None,
            strawberry.argument(
                name="from", description="The first period (inclusive); none: from the oldest."
            ),
        ] = strawberry.UNSET,
        to: Annotated[
            str | None,
            strawberry.argument(description="The last period (inclusive); none: to the newest."),
        ] = strawberry.UNSET,
    ) -> list[IndexObservation]:
        first, last = window(
            from_ if given(from_) else None, to if given(to) else None, self.row.frequency
        )
        rows = await loaders(info).observations.load((self.row.id, first, last))
        return [IndexObservation.from_row(row) for row in rows]


async def series_by_id(info: Info["Context", None], series_id: uuid.UUID) -> IndexSeries:
    row = await loaders(info).series.load(series_id)
    assert row is not None
    return IndexSeries.from_row(row)


@strawberry.type(description="What one import stored (all of the file, or nothing).")
class IndexImportResult:
    format: IndexFileFormat = strawberry.field(  # type: ignore[valid-type]
        description="The format read (the one detected, for AUTO)."
    )
    series: list[IndexSeries] = strawberry.field(
        description="The file's series, created or updated."
    )
    observations_added: int = strawberry.field(
        description="Values for periods the series had no value for."
    )
    observations_revised: int = strawberry.field(
        description="Values that changed a stored one (the earlier vintage is kept)."
    )


async def _binding_index(root: "CostIndexBinding", info: Info["Context", None]) -> CostIndexRef:
    return await cost_index(info, id=root.row.cost_index_id)


async def _binding_series(root: "CostIndexBinding", info: Info["Context", None]) -> IndexSeries:
    return await series_by_id(info, root.row.series_id)


@strawberry.type(description="Which of the tenant's series drives a catalogue cost index.")
class CostIndexBinding:
    row: strawberry.Private[BindingRow]
    index: CostIndexRef = strawberry.field(
        resolver=_binding_index, description="The catalogue cost index."
    )
    series: IndexSeries = strawberry.field(
        resolver=_binding_series, description="The series that drives it."
    )
    lag: int = strawberry.field(
        description="How many of the series' own periods the price formula looks back (0 to 60)."
    )
    article_id: strawberry.ID | None = strawberry.field(
        description="The article it applies to; null for the tenant-wide default."
    )

    @classmethod
    def from_row(cls, row: BindingRow) -> "CostIndexBinding":
        article_id = strawberry.ID(str(row.article_id)) if row.article_id else None
        return cls(row=row, lag=row.lag, article_id=article_id)


@strawberry.type(description="P0: the price agreed in a base month.")
class PriceBasis:
    price: Decimal = strawberry.field(description="The agreed price.")
    currency: str = strawberry.field(description="Its ISO 4217 currency code.")
    period: str = strawberry.field(description="The base month, YYYY-MM.")

    @classmethod
    def from_row(cls, row: BasisRow) -> "PriceBasis":
        return cls(price=row.price, currency=row.currency, period=row.period)


@strawberry.type(description="What was actually paid in a month.")
class PaidPrice:
    period: str = strawberry.field(description="The month, YYYY-MM.")
    price: Decimal = strawberry.field(description="The price paid, in the basis' currency.")

    @classmethod
    def from_row(cls, row: PaidRow) -> "PaidPrice":
        return cls(period=row.period, price=row.price)


@strawberry.input(description="One part of a cost model.")
class CostModelPartInput:
    index_code: str = strawberry.field(
        description="A catalogue cost index code (STEEL, FIXED, ...), once per model."
    )
    part: Decimal = strawberry.field(
        description="Its percentage, > 0; the parts sum to exactly 100.00."
    )


@strawberry.input(description="A what-if: one index's current value moved by a percentage.")
class IndexShockInput:
    index_code: str = strawberry.field(
        description="A cost index of the catalogue (not "
        "FIXED); indices outside the article's model are "
        "ignored."
    )
    percent: Decimal = strawberry.field(description="+10 multiplies the index by 1.10.")
