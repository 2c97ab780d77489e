"""The pricing fields of Article (a mixin types.py's Article inherits), and the projection
types. Values are exact decimals: ratios and factors to 8 places, amounts to 6, prices half-up
to 2, all without trailing zeros except prices (12.80 stays 12.80)."""

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from cost_model_service.articles.models import Article as ArticleRow
from cost_model_service.graphql.pricing_enums import ObservationStatus
from cost_model_service.graphql.pricing_types import (
    CostIndexBinding,
    CostIndexRef,
    IndexSeries,
    IndexShockInput,
    PaidPrice,
    PriceBasis,
    cost_index,
    given,
    loaders,
    series_by_id,
)
from cost_model_service.pricing import projection as pure
from cost_model_service.pricing import service as pricing
from cost_model_service.pricing.decimals import AMOUNT_PLACES, RATIO_PLACES, tidy

if TYPE_CHECKING:
    from cost_model_service.graphql.context import Context


async def _contribution_index(
    root: "PriceContribution", info: Info["Context", None]
) -> CostIndexRef:
    return await cost_index(info, code=root.value.index)


async def _contribution_series(
    root: "PriceContribution", info: Info["Context", None]
) -> IndexSeries | None:
    binding = root.value.binding
    return None if binding is None else await series_by_id(info, binding.series.id)


@strawberry.type(description="What one cost index of the model adds to a month's price.")
class PriceContribution:
    value: strawberry.Private[pure.Contribution]
    index: CostIndexRef = strawberry.field(
        resolver=_contribution_index, description="The cost index."
    )
    share: Decimal = strawberry.field(
        description="Its share of the model, as a fraction (40 % is 0.4)."
    )
    series: IndexSeries | None = strawberry.field(
        resolver=_contribution_series,
        description="The series bound to it; null when unbound (the ratio stays 1).",
    )
    base_period: str | None = strawberry.field(
        description="The series period read for the base month (base month minus the lag); "
        "null when unbound."
    )
    period: str | None = strawberry.field(
        description="The period whose value was used (an earlier one when carried forward)."
    )
    ratio: Decimal = strawberry.field(
        description="Current value / base value (1 when "
        "unbound), times the scenario's shock if any."
    )
    amount: Decimal = strawberry.field(description="P0 · share · (ratio - 1)")
    status: ObservationStatus | None = strawberry.field(  # type: ignore[valid-type]
        description="The status of the current value used; null when unbound."
    )
    carried_forward: bool = strawberry.field(
        description="The reference period had no value yet: the last known one was used."
    )

    @classmethod
    def of(cls, value: pure.Contribution) -> "PriceContribution":
        return cls(
            value=value,
            share=tidy(value.share, RATIO_PLACES),
            base_period=_text(value.base_period),
            period=_text(value.period),
            ratio=tidy(value.ratio, RATIO_PLACES),
            amount=tidy(value.amount, AMOUNT_PLACES),
            status=value.status,
            carried_forward=value.carried_forward,
        )


@strawberry.type(description="The modelled price in one month.")
class PricePoint:
    period: str = strawberry.field(description="The month, YYYY-MM.")
    factor: Decimal = strawberry.field(description="f + Σ sᵢ · ratioᵢ: P(t) / P0.")
    price: Decimal = strawberry.field(description="P0 · factor, half-up to 2 decimals.")
    provisional: bool = strawberry.field(
        description="A value was carried forward, or is PROVISIONAL or ESTIMATED."
    )
    contributions: list[PriceContribution] = strawberry.field(
        description="One per cost index of the model but FIXED."
    )

    @classmethod
    def of(cls, point: pure.PricePoint) -> "PricePoint":
        return cls(
            period=str(point.month),
            factor=tidy(point.factor, RATIO_PLACES),
            price=point.price,
            provisional=point.provisional,
            contributions=[PriceContribution.of(c) for c in point.contributions],
        )


@strawberry.type(
    description="The article's modelled price month by month, "
    "P(t) = P0 · (f + Σ sᵢ · Iᵢ(ref(t, lagᵢ)) / Iᵢ(ref(b, lagᵢ)))."
)
class PriceProjection:
    basis: PriceBasis = strawberry.field(description="P0, its currency and base month b.")
    points: list[PricePoint] = strawberry.field(description="One per month, oldest first.")
    unbound: strawberry.Private[list[str]]

    @strawberry.field(
        description="Cost indices of the model without a binding: their ratio "
        "stays 1, so the price is incomplete."
    )
    async def unbound_indices(self, info: Info["Context", None]) -> list[CostIndexRef]:
        return [await cost_index(info, code=code) for code in self.unbound]


@strawberry.type
class ArticlePricing:
    row: strawberry.Private[ArticleRow]

    @strawberry.field(description="P0, its currency and base month; null until setPriceBasis.")
    async def price_basis(self, info: Info["Context", None]) -> PriceBasis | None:
        row = await loaders(info).bases.load(self.row.id)
        return None if row is None else PriceBasis.from_row(row)

    @strawberry.field(description="Oldest month first.")
    async def paid_prices(self, info: Info["Context", None]) -> list[PaidPrice]:
        return [PaidPrice.from_row(row) for row in await loaders(info).paid.load(self.row.id)]

    @strawberry.field(
        description="The bindings in force: the article's own, else the tenant's defaults."
    )
    async def cost_index_bindings(self, info: Info["Context", None]) -> list[CostIndexBinding]:
        rows = await loaders(info).bindings.load(self.row.id)
        return [CostIndexBinding.from_row(row) for row in rows]

    @strawberry.field(
        description="One point per month from `from` to `to` (YYYY-MM, "
        "inclusive); null without a price basis."
    )
    async def price_projection(
        self,
        info: Info["Context", None],
        from_: Annotated[
            str, strawberry.argument(name="from", description="The first month, YYYY-MM.")
        ],
        to: Annotated[
            str,
            strawberry.argument(
                description="The last month, YYYY-MM (at most 600 months after from)."
            ),
        ],
        scenario: Annotated[
            list[IndexShockInput] | None,
            strawberry.argument(
                description="What-if shocks to the current values of named indices."
            ),
        ] = strawberry.UNSET,
    ) -> PriceProjection | None:
        inputs = await loaders(info).inputs.load(self.row.id)
        basis = await loaders(info).bases.load(self.row.id)
        if inputs is None or basis is None:
            return None
        shocks = [(s.index_code, s.percent) for s in scenario] if given(scenario) else []
        catalogue = {
            code: row
            for code, _ in shocks
            if (row := await loaders(info).catalogue.load(code)) is not None
        }
        result = pricing.projection(inputs, from_, to, shocks, catalogue)
        return PriceProjection(
            basis=PriceBasis.from_row(basis),
            points=[PricePoint.of(p) for p in result.points],
            unbound=result.unbound,
        )


def _text(value: object | None) -> str | None:
    return None if value is None else str(value)
