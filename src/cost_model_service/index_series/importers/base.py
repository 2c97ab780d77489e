"""What every index file format shares: decoding, values, and the per-series checks."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from cost_model_service.currencies import check_currency
from cost_model_service.errors import BadUserInput
from cost_model_service.index_series.periods import Frequency, Period
from cost_model_service.index_series.values import ObservationStatus

MAX_CODE = 255
META_LIMITS = {"name": 255, "source": 255, "unit": 64, "base_label": 64, "currency": 3}


class IndexFileFormat(StrEnum):
    AUTO = "auto"
    LONG_CSV = "long_csv"
    SDMX_CSV = "sdmx_csv"
    FRED_CSV = "fred_csv"
    BLS_FLAT = "bls_flat"


@dataclass
class ParsedSeries:
    code: str
    frequency: Frequency
    first_line: int
    meta: dict[str, str] = field(default_factory=dict)  # name, source, unit, base_label, ...
    # period -> (value, status, line); insertion order is file order
    observations: dict[Period, tuple[Decimal, ObservationStatus, int]] = field(default_factory=dict)


@dataclass
class ParsedFile:
    format: IndexFileFormat
    series: list[ParsedSeries]

    @property
    def observation_count(self) -> int:
        return sum(len(s.observations) for s in self.series)


def line_error(line: int, problem: str) -> BadUserInput:
    return BadUserInput(f"line {line}: {problem}")


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise line_error(line, "the file is not UTF-8 text") from None


def parse_value(text: str, line: int) -> Decimal:
    """An index level: a finite decimal above zero, in plain or exponent notation."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise line_error(line, f"value '{text}' is not a number") from None
    if not value.is_finite():
        raise line_error(line, f"value '{text}' is not a number")
    if value <= 0:
        raise line_error(
            line,
            f"value {text} is not above zero: index levels are positive "
            "(a rate of change is not an index)",
        )
    if value.adjusted() >= 15 or value.as_tuple().exponent < -10:  # type: ignore[operator]
        raise line_error(line, f"value {text} is out of range (15 digits, 10 decimals at most)")
    return value


class Collector:
    """Gathers observations per series: one frequency per series, each period once."""

    def __init__(self) -> None:
        self.series: dict[str, ParsedSeries] = {}

    def add(
        self, code: str, period: Period, value: Decimal, status: ObservationStatus, line: int
    ) -> ParsedSeries:
        series = self.series.get(code)
        if series is None:
            if not code or len(code) > MAX_CODE or not code.isprintable():
                raise line_error(
                    line, f"series code '{code}' must be 1 to {MAX_CODE} printable characters"
                )
            series = self.series[code] = ParsedSeries(code, period.frequency, line)
        elif series.frequency is not period.frequency:
            raise line_error(
                line,
                f"period {period} is {period.frequency.value}, but series "
                f"{code} has {series.frequency.value} periods (line "
                f"{series.first_line})",
            )
        earlier = series.observations.get(period)
        if earlier is not None:
            raise line_error(line, f"{code} {period} is given twice (first on line {earlier[2]})")
        series.observations[period] = (value, status, line)
        return series

    def describe(self, series: ParsedSeries, line: int, **meta: str | None) -> None:
        """Series metadata; a value that contradicts the one given earlier is refused."""
        for key, raw in meta.items():
            value = (raw or "").strip()
            if not value:
                continue
            if key == "currency":
                try:
                    value = check_currency(value)
                except BadUserInput as error:
                    raise line_error(line, error.message) from None
            if len(value) > META_LIMITS[key]:
                raise line_error(line, f"{key} is longer than {META_LIMITS[key]} characters")
            known = series.meta.setdefault(key, value)
            if known != value:
                raise line_error(
                    line, f"{key} '{value}' of {series.code} contradicts '{known}' given before"
                )

    def result(self, file_format: IndexFileFormat) -> ParsedFile:
        if not self.series:
            raise BadUserInput("the file holds no observations")
        return ParsedFile(file_format, list(self.series.values()))


def rows(text: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each non-blank row; line 1 is the header."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            if len(cells) > 1 or (cells and cells[0].strip()):
                yield reader.line_num, cells
    except csv.Error as error:
        raise line_error(reader.line_num, f"unreadable CSV ({error})") from None


def check_width(cells: list[str], header: list[str], line: int) -> None:
    if len(cells) != len(header):
        raise line_error(line, f"{len(cells)} cells where the header has {len(header)}")
