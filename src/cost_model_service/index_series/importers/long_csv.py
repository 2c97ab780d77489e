"""LONG_CSV: one observation per row, `series_code,period,value` and optionally
`status,name,unit,base,source,currency` (any order, header names case-insensitive)."""

from cost_model_service.index_series.importers.base import (
    Collector,
    IndexFileFormat,
    ParsedFile,
    check_width,
    line_error,
    parse_value,
    rows,
)
from cost_model_service.index_series.periods import try_parse
from cost_model_service.index_series.values import ObservationStatus

REQUIRED = ("series_code", "period", "value")
OPTIONAL = ("status", "name", "unit", "base", "source", "currency")
# The file's `base` column is the series' base label ("2021=100").
_META = {
    "name": "name",
    "unit": "unit",
    "base": "base_label",
    "source": "source",
    "currency": "currency",
}


def matches(header: list[str]) -> bool:
    names = {cell.strip().lower() for cell in header}
    return set(REQUIRED) <= names


def parse(text: str) -> ParsedFile:
    collector = Collector()
    lines = rows(text)
    _, header_cells = next(lines)
    header = [cell.strip().lower() for cell in header_cells]
    for position, name in enumerate(header):
        if name not in REQUIRED + OPTIONAL:
            raise line_error(
                1,
                f"unknown column '{header_cells[position]}' (LONG_CSV has "
                f"{', '.join(REQUIRED + OPTIONAL)})",
            )
        if header.index(name) != position:
            raise line_error(1, f"column '{name}' appears twice")
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise line_error(1, f"missing column {', '.join(missing)}")
    described = [name for name in header if name in _META]
    for line, cells in lines:
        check_width(cells, header, line)
        row = dict(zip(header, (cell.strip() for cell in cells), strict=True))
        period = try_parse(row["period"])
        if period is None:
            raise line_error(line, f"period '{row['period']}' is not YYYY-MM, YYYY-Qn or YYYY")
        if not row["value"]:
            raise line_error(line, "the value is empty")
        status = _status(row.get("status", ""), line)
        series = collector.add(
            row["series_code"], period, parse_value(row["value"], line), status, line
        )
        if described:
            collector.describe(series, line, **{_META[k]: row[k] for k in described})
    return collector.result(IndexFileFormat.LONG_CSV)


def _status(text: str, line: int) -> ObservationStatus:
    if not text:
        return ObservationStatus.FINAL
    try:
        return ObservationStatus(text.lower())
    except ValueError:
        raise line_error(line, f"status '{text}' is not FINAL, PROVISIONAL or ESTIMATED") from None
