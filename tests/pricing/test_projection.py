"""The pure projection module holds the issue's worked example to the cent."""

from decimal import Decimal as D

import pytest

from cost_model_service.errors import BadUserInput
from cost_model_service.index_series.periods import parse_month
from cost_model_service.index_series.values import ObservationStatus
from cost_model_service.pricing.decimals import tidy
from cost_model_service.pricing.projection import (
    Binding,
    ProjectionInputs,
    newest_complete_month,
    project,
    project_month,
)
from tests.pricing.examples import M, series, worked_example


def amounts(point) -> dict[str, D]:
    return {c.index: tidy(c.amount, 6) for c in point.contributions}


def test_worked_example_march_2025() -> None:
    point = project_month(worked_example(), parse_month("2025-03"))
    assert point.factor == D("1.0375")
    assert point.price == D("12.87") and str(point.price) == "12.87"
    assert point.modelled == D("12.865")  # half-up, not banker's rounding (12.86)
    assert amounts(point) == {
        "STEEL": D("0.496"),
        "PLASTICS": D("-0.093"),
        "LABOUR": D("0.124"),
        "ELECTRICITY": D("-0.062"),
        "FIXED": D(0),
    }
    assert not point.provisional
    labour = next(c for c in point.contributions if c.index == "LABOUR")
    assert (str(labour.base_period), str(labour.period), labour.ratio) == (
        "2023-Q4",
        "2024-Q4",
        D("1.04"),
    )
    assert sum(c.amount for c in point.contributions) == point.modelled - D("12.40")


def test_missing_current_value_is_carried_forward_and_provisional() -> None:
    point = project_month(worked_example(electricity_jan_2025=False), parse_month("2025-03"))
    assert point.factor == D("1.038")
    assert point.price == D("12.87")
    assert point.provisional
    electricity = next(c for c in point.contributions if c.index == "ELECTRICITY")
    assert electricity.carried_forward and str(electricity.period) == "2024-12"
    assert not any(c.carried_forward for c in point.contributions if c.index != "ELECTRICITY")


def test_scenario_steel_plus_ten_percent() -> None:
    projection = project(
        worked_example(),
        parse_month("2025-03"),
        parse_month("2025-03"),
        scenario={"STEEL": D("10")},
    )
    (point,) = projection.points
    assert point.factor == D("1.0815")
    assert point.price == D("13.41")


def test_unbound_indices_keep_ratio_one_and_are_listed() -> None:
    inputs = worked_example()
    bindings = {k: v for k, v in inputs.bindings.items() if k != "LABOUR"}
    inputs = ProjectionInputs(inputs.price, inputs.base_month, inputs.parts, bindings)
    projection = project(inputs, parse_month("2025-03"), parse_month("2025-03"))
    assert projection.unbound == ["LABOUR"]
    labour = next(c for c in projection.points[0].contributions if c.index == "LABOUR")
    assert labour.ratio == 1 and labour.binding is None and labour.amount == 0
    assert projection.points[0].factor == D("1.0275")


def test_missing_base_value_is_an_error_naming_series_and_period() -> None:
    inputs = worked_example()
    inputs = ProjectionInputs(inputs.price, parse_month("2024-04"), inputs.parts, inputs.bindings)
    with pytest.raises(BadUserInput, match=r"steel has no value for 2024-02"):
        project_month(inputs, parse_month("2025-03"))


def test_one_point_per_month_inclusive_and_provisional_values_mark_points() -> None:
    inputs = worked_example()
    steel = series(
        "steel",
        M,
        {"2024-01": "120.0", "2025-01": "132.0", "2025-02": "133.0"},
        provisional=("2025-02",),
    )
    inputs = ProjectionInputs(
        inputs.price,
        inputs.base_month,
        inputs.parts,
        {**inputs.bindings, "STEEL": Binding(steel, 2)},
    )
    points = project(inputs, parse_month("2025-03"), parse_month("2025-05")).points
    assert [str(p.month) for p in points] == ["2025-03", "2025-04", "2025-05"]
    assert not points[0].provisional
    steel_april = next(c for c in points[1].contributions if c.index == "STEEL")
    assert steel_april.status is ObservationStatus.PROVISIONAL and points[1].provisional


def test_newest_complete_month_never_carries_forward() -> None:
    assert str(newest_complete_month(worked_example())) == "2025-03"
    # Without ELECTRICITY 2025-01, the only month whose every reference period has a value
    # is the base month itself (the fixture has no STEEL or PLASTICS values in between).
    assert str(newest_complete_month(worked_example(False))) == "2024-03"
