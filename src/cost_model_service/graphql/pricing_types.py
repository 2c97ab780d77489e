"""GraphQL types of index series and pricing. Decimals travel as exact strings ("12.87").

This module must not import graphql/types.py at load time (types.py imports the Article
mixin from article_pricing.py, which imports this): CostIndex is referenced lazily."""

import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, TypeGuard, TypeVar

import strawberry
from strawberry.types import Info

from cost_model_service.graphql.pricing_loaders import PricingLoaders, pricing_loaders
from cost_model_service.index_series.importers import IndexFileFormat as FileFormatValue
from cost_model_service.index_series.models import IndexObservation as ObservationRow
from cost_model_service.index_series.models import IndexSeries as SeriesRow
from cost_model_service.index_series.periods import Frequency as FrequencyValue
from cost_model_service.index_series.periods import window
from cost_model_service.index_series.values import ObservationStatus as StatusValue
from cost_model_service.pricing.models import CostIndexBinding as BindingRow
from cost_model_service.pricing.models import PaidPrice as PaidRow
from cost_model_service.pricing.models import PriceBasis as BasisRow

if TYPE_CHECKING:
    from cost_model_service.graphql.context import Context
    from cost_model_service.graphql.types import CostIndex

# One definition each: the domain enums, exposed by their member names (MONTHLY, ...).
Frequency = strawberry.enum(FrequencyValue, name="Frequency")
ObservationStatus = strawberry.enum(StatusValue, name="ObservationStatus")
IndexFileFormat = strawberry.enum(FileFormatValue, name="IndexFileFormat")

CostIndexRef = Annotated["CostIndex", strawberry.lazy("cost_model_service.graphql.types")]

T = TypeVar("T")


def given(value: T | None) -> TypeGuard[T]:
    """An optional argument the client sent (UNSET keeps `= null` out of the schema)."""
    return value is not None and value is not strawberry.UNSET


def loaders(info: Info["Context", None]) -> PricingLoaders:
    return pricing_loaders(info.context)


async def cost_index(info: Info["Context", None], *, id: uuid.UUID | None = None,
                     code: str | None = None) -> "CostIndex":
    from cost_model_service.graphql.types import CostIndex

    row = (await loaders(info).catalogue.load(code) if code is not None
           else await loaders(info).cost_indices.load(id) if id is not None else None)
    assert row is not None  # bindings and models reference existing catalogue rows
    return CostIndex.from_row(row)


@strawberry.type
class IndexObservation:
    period: str
    value: Decimal
    status: ObservationStatus  # type: ignore[valid-type]

    @classmethod
    def from_row(cls, row: ObservationRow) -> "IndexObservation":
        return cls(period=row.period, value=row.value, status=row.status)


@strawberry.type
class IndexSeries:
    row: strawberry.Private[SeriesRow]
    id: strawberry.ID
    code: str
    name: str
    source: str | None
    frequency: Frequency  # type: ignore[valid-type]
    base_label: str | None
    unit: str | None
    currency: str | None
    latest_period: str | None

    @classmethod
    def from_row(cls, row: SeriesRow) -> "IndexSeries":
        return cls(row=row, id=strawberry.ID(str(row.id)), code=row.code, name=row.name,
                   source=row.source, frequency=row.frequency, base_label=row.base_label,
                   unit=row.unit, currency=row.currency, latest_period=row.latest_period)

    @strawberry.field(description="Newest values, oldest first; from/to (inclusive) in any "
                      "periods: YYYY-MM, YYYY-Qn or YYYY.")
    async def observations(
        self, info: Info["Context", None],
        from_: Annotated[str | None, strawberry.argument(name="from")] = strawberry.UNSET,
        to: str | None = strawberry.UNSET,
    ) -> list[IndexObservation]:
        first, last = window(from_ if given(from_) else None, to if given(to) else None,
                             self.row.frequency)
        rows = await loaders(info).observations.load((self.row.id, first, last))
        return [IndexObservation.from_row(row) for row in rows]


async def series_by_id(info: Info["Context", None], series_id: uuid.UUID) -> IndexSeries:
    row = await loaders(info).series.load(series_id)
    assert row is not None
    return IndexSeries.from_row(row)


@strawberry.type
class IndexImportResult:
    format: IndexFileFormat  # type: ignore[valid-type]
    series: list[IndexSeries]
    observations_added: int
    observations_revised: int


async def _binding_index(root: "CostIndexBinding", info: Info["Context", None]) -> CostIndexRef:
    return await cost_index(info, id=root.row.cost_index_id)


async def _binding_series(root: "CostIndexBinding", info: Info["Context", None]
                          ) -> IndexSeries:
    return await series_by_id(info, root.row.series_id)


@strawberry.type
class CostIndexBinding:
    row: strawberry.Private[BindingRow]
    index: CostIndexRef = strawberry.field(resolver=_binding_index)
    series: IndexSeries = strawberry.field(resolver=_binding_series)
    lag: int
    article_id: strawberry.ID | None

    @classmethod
    def from_row(cls, row: BindingRow) -> "CostIndexBinding":
        article_id = strawberry.ID(str(row.article_id)) if row.article_id else None
        return cls(row=row, lag=row.lag, article_id=article_id)


@strawberry.type
class PriceBasis:
    price: Decimal
    currency: str
    period: str

    @classmethod
    def from_row(cls, row: BasisRow) -> "PriceBasis":
        return cls(price=row.price, currency=row.currency, period=row.period)


@strawberry.type
class PaidPrice:
    period: str
    price: Decimal

    @classmethod
    def from_row(cls, row: PaidRow) -> "PaidPrice":
        return cls(period=row.period, price=row.price)


@strawberry.input
class CostModelPartInput:
    index_code: str
    part: Decimal


@strawberry.input
class IndexShockInput:
    index_code: str
    percent: Decimal = strawberry.field(description="+10 multiplies the index by 1.10.")
