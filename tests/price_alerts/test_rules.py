"""Alert readings and the fire/re-arm rule, on the worked example (pure, no database)."""

from decimal import Decimal as D

import pytest

from cost_model_service.index_series.periods import parse_month
from cost_model_service.price_alerts.models import PriceAlertKind
from cost_model_service.price_alerts.rules import read, transition
from cost_model_service.pricing.projection import ProjectionInputs
from tests.pricing.examples import worked_example


def with_paid(inputs: ProjectionInputs, paid: dict[str, str]) -> ProjectionInputs:
    return ProjectionInputs(
        inputs.price,
        inputs.base_month,
        inputs.parts,
        inputs.bindings,
        {parse_month(month): D(price) for month, price in paid.items()},
    )


def test_drift_from_paid_uses_the_unrounded_modelled_price() -> None:
    inputs = with_paid(worked_example(), {"2025-03": "13.50"})
    reading = read(PriceAlertKind.DRIFT_FROM_PAID, inputs)
    assert reading is not None
    # (13.50 - 12.865) / 12.865 = 4.9359...% (against the rounded 12.87 it would be 4.90 %).
    assert (str(reading.period), reading.percent, reading.modelled_price, reading.paid_price) == (
        "2025-03",
        D("4.94"),
        D("12.87"),
        D("13.50"),
    )


def test_drift_reads_the_newest_paid_month_even_when_values_are_carried() -> None:
    inputs = with_paid(worked_example(False), {"2024-06": "12.00", "2025-03": "13.50"})
    reading = read(PriceAlertKind.DRIFT_FROM_PAID, inputs)
    assert reading is not None and str(reading.period) == "2025-03"
    assert reading.percent == D("4.89")  # against 12.40 · 1.038 = 12.8712


def test_move_from_base_reads_the_newest_month_with_every_value() -> None:
    reading = read(PriceAlertKind.MOVE_FROM_BASE, worked_example())
    assert reading is not None
    assert (str(reading.period), reading.percent, reading.paid_price) == (
        "2025-03",
        D("3.75"),
        None,
    )
    # Without ELECTRICITY 2025-01 nothing is carried forward: only the base month is complete.
    reading = read(PriceAlertKind.MOVE_FROM_BASE, worked_example(False))
    assert reading is not None and (str(reading.period), reading.percent) == ("2024-03", D(0))


def test_nothing_to_read() -> None:
    assert read(PriceAlertKind.MOVE_FROM_BASE, None) is None  # no price basis
    assert read(PriceAlertKind.DRIFT_FROM_PAID, worked_example()) is None  # nothing paid
    inputs = worked_example()
    unbound = ProjectionInputs(inputs.price, inputs.base_month, inputs.parts, {})
    assert read(PriceAlertKind.MOVE_FROM_BASE, unbound) is None
    missing_base = ProjectionInputs(
        inputs.price,
        parse_month("2024-06"),
        inputs.parts,
        inputs.bindings,
        {parse_month("2025-03"): D("13")},
    )
    assert read(PriceAlertKind.DRIFT_FROM_PAID, missing_base) is None


@pytest.mark.parametrize(
    ("triggered", "percent", "after"),
    [
        (False, "4.99", (False, False)),
        (False, "5.00", (True, True)),  # reaches the threshold: fires
        (False, "-5.20", (True, True)),  # either direction
        (True, "7.00", (True, False)),  # still above: no second firing
        (True, "4.50", (True, False)),  # under the threshold, not under threshold - 1
        (True, "4.00", (True, False)),
        (True, "3.99", (False, False)),  # re-armed, quietly
        (True, "-3.99", (False, False)),
    ],
)
def test_fires_from_below_and_re_arms_under_threshold_minus_one(
    triggered: bool, percent: str, after: tuple[bool, bool]
) -> None:
    assert transition(triggered, D("5.00"), D(percent)) == after
