"""The price adjustment formula, pure (exact decimals, no I/O):

    P(t) = P0 · ( f + Σᵢ sᵢ · Iᵢ(ref(t, lagᵢ)) / Iᵢ(ref(b, lagᵢ)) )

P0 is the price agreed in base month b, f the FIXED share, sᵢ the share of cost index i,
Iᵢ the series bound to it. Values here are unrounded; rounding happens where they leave
(decimals.py), so that sums of contributions still add up.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from cost_model_service.errors import BadUserInput
from cost_model_service.index_series.periods import Period, last_month_of, months, reference
from cost_model_service.index_series.values import Observation, ObservationStatus, SeriesValues
from cost_model_service.pricing.decimals import PRECISION, money

ONE = Decimal(1)


@dataclass(frozen=True)
class Part:
    index: str  # catalogue code
    share: Decimal  # a fraction: 40 % is 0.4
    fixed: bool = False


@dataclass(frozen=True)
class Binding:
    series: SeriesValues
    lag: int = 0


@dataclass(frozen=True)
class ProjectionInputs:
    price: Decimal  # P0
    base_month: Period
    parts: Sequence[Part]
    bindings: Mapping[str, Binding]  # by catalogue code: the effective ones
    paid: Mapping[Period, Decimal] = field(default_factory=dict)  # month -> price paid

    @property
    def unbound(self) -> list[str]:
        return [p.index for p in self.parts if not p.fixed and p.index not in self.bindings]


@dataclass(frozen=True)
class Contribution:
    index: str
    share: Decimal
    binding: Binding | None = None
    base_period: Period | None = None
    period: Period | None = None  # the period whose value was used (carried: an earlier one)
    ratio: Decimal = ONE
    amount: Decimal = Decimal(0)  # P0 · s · (ratio - 1)
    status: ObservationStatus | None = None
    carried_forward: bool = False


@dataclass(frozen=True)
class PricePoint:
    month: Period
    factor: Decimal
    modelled: Decimal  # P0 · factor, unrounded
    provisional: bool
    contributions: list[Contribution]

    @property
    def price(self) -> Decimal:
        return money(self.modelled)


@dataclass(frozen=True)
class Projection:
    points: list[PricePoint]
    unbound: list[str]


def project(
    inputs: ProjectionInputs,
    first: Period,
    last: Period,
    scenario: Mapping[str, Decimal] | None = None,
) -> Projection:
    """One point per month from `first` to `last`. `scenario` multiplies the current value
    of named indices by (1 + percent/100)."""
    bases = _base_values(inputs)
    factors = {code: ONE + pct / 100 for code, pct in (scenario or {}).items()}
    points = [_point(inputs, bases, month, factors) for month in months(first, last)]
    return Projection(points=points, unbound=inputs.unbound)


def project_month(inputs: ProjectionInputs, month: Period) -> PricePoint:
    return _point(inputs, _base_values(inputs), month, {})


def newest_complete_month(inputs: ProjectionInputs) -> Period | None:
    """The newest month (not before the base month) for which every bound index has a value
    at its reference period, nothing carried forward; None when there is none."""
    bound = [
        (b, b.series.latest)
        for p in inputs.parts
        if not p.fixed and (b := inputs.bindings.get(p.index)) is not None
    ]
    if not bound or any(latest is None for _, latest in bound):
        return None
    month = min(last_month_of(latest + b.lag) for b, latest in bound if latest is not None)
    while month >= inputs.base_month:
        if all(reference(month, b.lag, b.series.frequency) in b.series.values for b, _ in bound):
            return month
        month = month - 1
    return None


def _base_values(inputs: ProjectionInputs) -> dict[str, tuple[Period, Observation]]:
    bases = {}
    for part in inputs.parts:
        binding = None if part.fixed else inputs.bindings.get(part.index)
        if binding is None:
            continue
        series = binding.series
        period = reference(inputs.base_month, binding.lag, series.frequency)
        observation = series.values.get(period)
        if observation is None:
            raise BadUserInput(
                f"series {series.code} has no value for {period}, the base period of "
                f"{part.index} (base month {inputs.base_month}, lag {binding.lag}): import it; "
                "base values are never interpolated"
            )
        bases[part.index] = (period, observation)
    return bases


def _point(
    inputs: ProjectionInputs,
    bases: Mapping[str, tuple[Period, Observation]],
    month: Period,
    factors: Mapping[str, Decimal],
) -> PricePoint:
    with localcontext(prec=PRECISION):
        contributions = [
            _contribution(inputs, bases, part, month, factors) for part in inputs.parts
        ]
        factor = sum((c.share * c.ratio for c in contributions), Decimal(0))
        modelled = inputs.price * factor
    provisional = any(
        c.carried_forward or (c.status is not None and c.status is not ObservationStatus.FINAL)
        for c in contributions
    ) or any(not base.is_final for _, base in bases.values())
    return PricePoint(month, factor, modelled, provisional, contributions)


def _contribution(
    inputs: ProjectionInputs,
    bases: Mapping[str, tuple[Period, Observation]],
    part: Part,
    month: Period,
    factors: Mapping[str, Decimal],
) -> Contribution:
    binding = None if part.fixed else inputs.bindings.get(part.index)
    if binding is None:  # FIXED, or not bound yet: ratio 1 (listed in `unbound`)
        return Contribution(part.index, part.share)
    series = binding.series
    base_period, base = bases[part.index]
    period = reference(month, binding.lag, series.frequency)
    carried = period not in series.values
    if carried:
        earlier = series.last_before(period)
        if earlier is None:
            raise BadUserInput(
                f"series {series.code} has no value at or before {period} ({part.index} in {month})"
            )
        period = earlier
    current = series.values[period]
    ratio = current.value * factors.get(part.index, ONE) / base.value
    return Contribution(
        index=part.index,
        share=part.share,
        binding=binding,
        base_period=base_period,
        period=period,
        ratio=ratio,
        amount=inputs.price * part.share * (ratio - 1),
        status=current.status,
        carried_forward=carried,
    )
