"""Plain values of a series, as projections read them: no database, no I/O."""

import bisect
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from cost_model_service.index_series.periods import Frequency, Period


class ObservationStatus(StrEnum):
    FINAL = "final"
    PROVISIONAL = "provisional"
    ESTIMATED = "estimated"


@dataclass(frozen=True, slots=True)
class Observation:
    value: Decimal
    status: ObservationStatus = ObservationStatus.FINAL

    @property
    def is_final(self) -> bool:
        return self.status is ObservationStatus.FINAL


@dataclass(frozen=True)
class SeriesValues:
    """One series' newest values (the latest vintage of each period)."""

    id: uuid.UUID
    code: str
    frequency: Frequency
    values: Mapping[Period, Observation]
    _periods: list[Period] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_periods", sorted(self.values))

    @property
    def latest(self) -> Period | None:
        return self._periods[-1] if self._periods else None

    def last_before(self, period: Period) -> Period | None:
        """The newest period before `period` that has a value (for carrying forward)."""
        position = bisect.bisect_left(self._periods, period)
        return self._periods[position - 1] if position else None
