"""Periods of index series (`2024-01`, `2024-Q1`, `2024`) and the clause's `ref(m, lag)`.

A period is its frequency and an ordinal (months, quarters or years since year 0), so that
"minus lag periods" is a subtraction and order is integer order. Pure: no I/O.
"""

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from cost_model_service.english import with_article
from cost_model_service.errors import BadUserInput


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


_PER_YEAR = {Frequency.MONTHLY: 12, Frequency.QUARTERLY: 4, Frequency.ANNUAL: 1}
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_YEAR = re.compile(r"(\d{4})")
MIN_YEAR = 1000


@dataclass(frozen=True, order=True, slots=True)
class Period:
    frequency: Frequency
    ordinal: int

    @classmethod
    def of(cls, frequency: Frequency, year: int, number: int = 1) -> "Period":
        """number: the month (1-12), the quarter (1-4), ignored for years."""
        per_year = _PER_YEAR[frequency]
        return cls(frequency, year * per_year + (number - 1 if per_year > 1 else 0))

    @property
    def year(self) -> int:
        return self.ordinal // _PER_YEAR[self.frequency]

    @property
    def number(self) -> int:
        return self.ordinal % _PER_YEAR[self.frequency] + 1

    def __str__(self) -> str:
        if self.frequency is Frequency.MONTHLY:
            return f"{self.year:04d}-{self.number:02d}"
        if self.frequency is Frequency.QUARTERLY:
            return f"{self.year:04d}-Q{self.number}"
        return f"{self.year:04d}"

    def __add__(self, periods: int) -> "Period":
        return Period(self.frequency, self.ordinal + periods)

    def __sub__(self, periods: int) -> "Period":
        return Period(self.frequency, self.ordinal - periods)


@lru_cache(maxsize=8192)  # files repeat the same periods across series
def try_parse(text: str) -> Period | None:
    """`YYYY-MM`, `YYYY-Qn` or `YYYY`; None for anything else (or a year before 1000)."""
    text = text.strip()
    if match := _MONTH.fullmatch(text):
        if not 1 <= int(match[2]) <= 12:
            return None
        period = Period.of(Frequency.MONTHLY, int(match[1]), int(match[2]))
    elif match := _QUARTER.fullmatch(text):
        period = Period.of(Frequency.QUARTERLY, int(match[1]), int(match[2]))
    elif match := _YEAR.fullmatch(text):
        period = Period.of(Frequency.ANNUAL, int(match[1]))
    else:
        return None
    return period if period.year >= MIN_YEAR else None


def parse(text: str, what: str = "period", frequency: Frequency | None = None) -> Period:
    """A period of the given frequency (any when None), else BAD_USER_INPUT naming `what`."""
    period = try_parse(text)
    if period is None:
        raise BadUserInput(f"{what} '{text}' is not a period: use YYYY-MM, YYYY-Qn or YYYY")
    if frequency is not None and period.frequency is not frequency:
        raise BadUserInput(
            f"{what} '{text}' is not {with_article(frequency.value)} period ({example(frequency)})"
        )
    return period


def parse_month(text: str, what: str = "period") -> Period:
    period = try_parse(text)
    if period is None or period.frequency is not Frequency.MONTHLY:
        raise BadUserInput(f"{what} '{text}' is not a month: use YYYY-MM")
    return period


def example(frequency: Frequency) -> str:
    return {Frequency.MONTHLY: "YYYY-MM", Frequency.QUARTERLY: "YYYY-Qn", Frequency.ANNUAL: "YYYY"}[
        frequency
    ]


def containing(month: Period, frequency: Frequency) -> Period:
    """The period of `frequency` that holds the month."""
    if frequency is Frequency.MONTHLY:
        return month
    if frequency is Frequency.QUARTERLY:
        return Period.of(frequency, month.year, (month.number - 1) // 3 + 1)
    return Period.of(frequency, month.year)


def reference(month: Period, lag: int, frequency: Frequency) -> Period:
    """ref(m, lag): the period of a series of `frequency` that month m reads, `lag` of the
    series' own periods back (months, quarters or years)."""
    return containing(month, frequency) - lag


def first_month_of(period: Period) -> Period:
    """The oldest month a period covers (2024-Q2 -> 2024-04, 2024 -> 2024-01)."""
    if period.frequency is Frequency.QUARTERLY:
        return Period.of(Frequency.MONTHLY, period.year, period.number * 3 - 2)
    return Period.of(Frequency.MONTHLY, period.year, period.number)


def window(
    first: str | None, last: str | None, frequency: Frequency
) -> tuple[Period | None, Period | None]:
    """A time window given in any periods, as bounds in `frequency`: from 2024-02 reads a
    quarterly series from 2024-Q1, to 2024-Q2 a monthly one up to 2024-06 (inclusive)."""
    start = containing(first_month_of(parse(first, "from")), frequency) if first else None
    end = containing(last_month_of(parse(last, "to")), frequency) if last else None
    return start, end


def last_month_of(period: Period) -> Period:
    """The newest month a period covers (2024-Q1 -> 2024-03, 2024 -> 2024-12)."""
    if period.frequency is Frequency.MONTHLY:
        return period
    if period.frequency is Frequency.QUARTERLY:
        return Period.of(Frequency.MONTHLY, period.year, period.number * 3)
    return Period.of(Frequency.MONTHLY, period.year, 12)


def months(first: Period, last: Period) -> list[Period]:
    return [Period(Frequency.MONTHLY, o) for o in range(first.ordinal, last.ordinal + 1)]
