"""The issue's worked example as plain projection inputs (fixture numbers, not real data)."""

import uuid
from decimal import Decimal as D

from cost_model_service.index_series.periods import Frequency, parse, parse_month
from cost_model_service.index_series.values import Observation, ObservationStatus, SeriesValues
from cost_model_service.pricing.projection import Binding, Part, ProjectionInputs

M, Q = Frequency.MONTHLY, Frequency.QUARTERLY


def series(
    code: str, frequency: Frequency, values: dict[str, str], provisional: tuple[str, ...] = ()
) -> SeriesValues:
    return SeriesValues(
        uuid.uuid4(),
        code,
        frequency,
        {
            parse(period): Observation(
                D(value),
                ObservationStatus.PROVISIONAL if period in provisional else ObservationStatus.FINAL,
            )
            for period, value in values.items()
        },
    )


def worked_example(electricity_jan_2025: bool = True) -> ProjectionInputs:
    electricity = {"2024-01": "200.0", "2024-12": "182.0"}
    if electricity_jan_2025:
        electricity["2025-01"] = "180.0"
    return ProjectionInputs(
        price=D("12.40"),
        base_month=parse_month("2024-03"),
        parts=[
            Part("STEEL", D("0.40")),
            Part("LABOUR", D("0.25")),
            Part("FIXED", D("0.15"), fixed=True),
            Part("PLASTICS", D("0.15")),
            Part("ELECTRICITY", D("0.05")),
        ],
        bindings={
            "STEEL": Binding(series("steel", M, {"2024-01": "120.0", "2025-01": "132.0"}), 2),
            "PLASTICS": Binding(series("plastics", M, {"2024-01": "110.0", "2025-01": "104.5"}), 2),
            "LABOUR": Binding(series("labour", Q, {"2023-Q4": "125.0", "2024-Q4": "130.0"}), 1),
            "ELECTRICITY": Binding(series("electricity", M, electricity), 2),
        },
    )
