"""FRED_CSV: `observation_date,<SERIES_ID>[,<SERIES_ID>...]` (older files: `DATE,...`),
dates `YYYY-MM-DD` on the first day of each period, `.` for a missing value. The frequency
follows from the dates' spacing: steps of 12 months from January are annual, steps of 3
from quarter starts quarterly, anything else monthly (so is a file with a single date)."""

import itertools
import math
import re

from cost_model_service.index_series.importers.base import (
    Collector,
    IndexFileFormat,
    ParsedFile,
    check_width,
    line_error,
    parse_value,
    rows,
)
from cost_model_service.index_series.periods import MIN_YEAR, Frequency, Period
from cost_model_service.index_series.values import ObservationStatus

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
DATE_COLUMNS = ("observation_date", "date")
MISSING = ("", ".")


def matches(header: list[str]) -> bool:
    return len(header) >= 2 and header[0].strip().lower() in DATE_COLUMNS


def parse(text: str) -> ParsedFile:
    lines = rows(text)
    _, header_cells = next(lines)
    header = [cell.strip() for cell in header_cells]
    ids = header[1:]
    if not all(ids) or len(set(ids)) != len(ids):
        raise line_error(1, "every column after the date must name a different series")
    table: list[tuple[int, int, list[str]]] = []  # (line, month ordinal, value cells)
    for line, cells in lines:
        check_width(cells, header, line)
        table.append((line, _month(cells[0].strip(), line), [c.strip() for c in cells[1:]]))
    frequency = _frequency(sorted(month for _, month, _ in table))
    collector = Collector()
    for line, month, values in table:
        period = _period(month, frequency)
        for series_id, value_text in zip(ids, values, strict=True):
            if value_text in MISSING:
                continue
            series = collector.add(
                series_id, period, parse_value(value_text, line), ObservationStatus.FINAL, line
            )
            collector.describe(series, line, name=series_id, source="FRED")
    return collector.result(IndexFileFormat.FRED_CSV)


def _month(text: str, line: int) -> int:
    match = _DATE.fullmatch(text)
    if match is None or not 1 <= int(match[2]) <= 12 or int(match[1]) < MIN_YEAR:
        raise line_error(line, f"date '{text}' is not YYYY-MM-DD")
    if match[3] != "01":
        raise line_error(
            line,
            f"date {text} is not the first day of a month: daily and weekly "
            "series are not supported (download them aggregated monthly)",
        )
    return int(match[1]) * 12 + int(match[2]) - 1


def _frequency(months: list[int]) -> Frequency:
    steps = [b - a for a, b in itertools.pairwise(months)]
    step = math.gcd(*steps) if steps else 1
    if step > 1 and step % 12 == 0 and all(m % 12 == 0 for m in months):
        return Frequency.ANNUAL
    if step > 1 and step % 3 == 0 and all(m % 3 == 0 for m in months):
        return Frequency.QUARTERLY
    return Frequency.MONTHLY


def _period(month: int, frequency: Frequency) -> Period:
    monthly = Period(Frequency.MONTHLY, month)
    return Period.of(
        frequency,
        monthly.year,
        (monthly.number - 1) // 3 + 1 if frequency is Frequency.QUARTERLY else monthly.number,
    )
