"""Periods and ref(m, lag): monthly, quarterly and annual series read different periods."""

import pytest

from cost_model_service.errors import BadUserInput
from cost_model_service.index_series.periods import (
    Frequency,
    last_month_of,
    parse,
    parse_month,
    reference,
    try_parse,
    window,
)

M, Q, A = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ANNUAL


@pytest.mark.parametrize(
    ("month", "lag", "frequency", "expected"),
    [
        ("2025-03", 2, M, "2025-01"),
        ("2025-01", 2, M, "2024-11"),  # across a year
        ("2024-03", 1, Q, "2023-Q4"),  # the quarter holding March, one back
        ("2025-03", 1, Q, "2024-Q4"),
        ("2025-04", 0, Q, "2025-Q2"),
        ("2025-12", 5, Q, "2024-Q3"),
        ("2025-06", 1, A, "2024"),
        ("2025-06", 0, A, "2025"),
    ],
)
def test_reference_periods(month: str, lag: int, frequency: Frequency, expected: str) -> None:
    assert str(reference(parse_month(month), lag, frequency)) == expected


def test_parsing_round_trips_and_refuses_what_is_not_a_period() -> None:
    for text in ("2024-01", "2024-12", "2024-Q1", "2024-Q4", "2024"):
        assert str(parse(text)) == text
    for text in ("2024-13", "2024-00", "2024-Q5", "24-01", "2024-1", "2024M01", "0999", ""):
        assert try_parse(text) is None, text
    with pytest.raises(BadUserInput, match="'2024-Q1' is not a monthly period"):
        parse("2024-Q1", "from", M)
    with pytest.raises(BadUserInput, match="'2024-03' is not an annual period"):
        parse("2024-03", "to", Frequency.ANNUAL)
    assert str(last_month_of(parse("2024-Q2"))) == "2024-06"
    assert [str(p) for p in window("2024-02", "2024-08", Q)] == ["2024-Q1", "2024-Q3"]
    assert [str(p) for p in window("2024-Q2", "2024", M)] == ["2024-04", "2024-12"]
    assert window(None, "2023", A)[0] is None
    assert str(last_month_of(parse("2024"))) == "2024-12"
    assert parse("2024-12") < parse("2025-01") and parse("2024-Q4") + 1 == parse("2025-Q1")
