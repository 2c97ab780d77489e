"""BLS_FLAT: the flat files of download.bls.gov/pub/time.series/, tab-separated
`series_id year period value footnote_codes`, cells often space-padded. M01-M12 are months,
Q01-Q04 quarters, A01 a year; M13 and Q05 (annual averages) are dropped. Footnote `P` marks
a preliminary (PROVISIONAL) value; `-` is a missing value."""

import re

from cost_model_service.index_series.importers.base import (
    Collector,
    IndexFileFormat,
    ParsedFile,
    line_error,
    parse_value,
    rows,
)
from cost_model_service.index_series.periods import MIN_YEAR, Frequency, Period
from cost_model_service.index_series.values import ObservationStatus

HEADER = ["series_id", "year", "period", "value", "footnote_codes"]
_PERIOD = re.compile(r"([MQA])(\d{2})")
_KIND = {"M": (Frequency.MONTHLY, 12), "Q": (Frequency.QUARTERLY, 4), "A": (Frequency.ANNUAL, 1)}
AVERAGES = ("M13", "Q05")
MISSING = ("", "-")


def matches(header: list[str]) -> bool:
    return [cell.strip().lower() for cell in header][:4] == HEADER[:4]


def parse(text: str) -> ParsedFile:
    lines = rows(text, delimiter="\t")
    _, header_cells = next(lines)
    if [cell.strip().lower() for cell in header_cells] != HEADER:
        raise line_error(1, f"the header must be the tab-separated columns {' '.join(HEADER)}")
    collector = Collector()
    for line, raw in lines:
        cells = [cell.strip() for cell in raw]
        if len(cells) == 4:  # a trailing empty footnote cell some tools drop
            cells.append("")
        if len(cells) != 5:
            raise line_error(line, f"{len(cells)} tab-separated cells where there must be 5")
        series_id, year, period_code, value_text, footnotes = cells
        if period_code.upper() in AVERAGES or value_text in MISSING:
            continue
        period = _period(year, period_code.upper(), line)
        status = (
            ObservationStatus.PROVISIONAL
            if "P" in re.split(r"[\s,;]+", footnotes.upper())
            else ObservationStatus.FINAL
        )
        series = collector.add(series_id, period, parse_value(value_text, line), status, line)
        collector.describe(series, line, name=series_id, source="BLS")
    return collector.result(IndexFileFormat.BLS_FLAT)


def _period(year: str, code: str, line: int) -> Period:
    if not (year.isdigit() and len(year) == 4 and int(year) >= MIN_YEAR):
        raise line_error(line, f"year '{year}' is not a four-digit year")
    match = _PERIOD.fullmatch(code)
    if match is None:
        raise line_error(line, f"period '{code}' is not M01-M13, Q01-Q05 or A01")
    frequency, count = _KIND[match[1]]
    number = int(match[2])
    if not 1 <= number <= count:
        raise line_error(line, f"period '{code}' is not M01-M13, Q01-Q05 or A01")
    return Period.of(frequency, int(year), number)
