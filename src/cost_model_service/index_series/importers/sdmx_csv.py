"""SDMX_CSV as Eurostat serves it:
`DATAFLOW,LAST UPDATE,<dimension columns...>,TIME_PERIOD,OBS_VALUE,OBS_FLAG[,CONF_STATUS]`.

The series code is the dataflow id without agency and version, a colon, and the dimension
values in file order joined by dots: `ESTAT:STS_INPPD_M(1.0)` with M, PRC_PRR_DOM, C24, NSA,
I21, DE gives `STS_INPPD_M:M.PRC_PRR_DOM.C24.NSA.I21.DE`. Cells downloaded "with labels"
(`DE:Germany`) are read by their code.
"""

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
from cost_model_service.index_series.periods import Frequency, try_parse
from cost_model_service.index_series.values import ObservationStatus

_KNOWN = ("DATAFLOW", "LAST UPDATE", "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG", "CONF_STATUS")
_DATAFLOW = re.compile(r"(?:(?P<agency>[^:]+):)?(?P<id>[A-Za-z0-9_@$-]+)(?:\([^)]*\))?")
_FREQ = {"M": Frequency.MONTHLY, "Q": Frequency.QUARTERLY, "A": Frequency.ANNUAL}
_INDEX_UNIT = re.compile(r"I(\d{2})")  # Eurostat index units: I21 is 2021=100
MISSING = ("", ":")


def matches(header: list[str]) -> bool:
    names = [cell.strip().upper() for cell in header]
    return bool(names) and names[0] == "DATAFLOW" and {"TIME_PERIOD", "OBS_VALUE"} <= set(names)


def parse(text: str) -> ParsedFile:
    collector = Collector()
    lines = rows(text)
    _, header_cells = next(lines)
    header = [cell.strip() for cell in header_cells]
    upper = [cell.upper() for cell in header]
    for name in ("DATAFLOW", "TIME_PERIOD", "OBS_VALUE"):
        if upper.count(name) != 1:
            raise line_error(1, f"SDMX-CSV needs exactly one {name} column")
    dimensions = [i for i, name in enumerate(upper) if name not in _KNOWN]
    if any(i > upper.index("TIME_PERIOD") for i in dimensions):
        raise line_error(1, "dimension columns must come before TIME_PERIOD")
    flag = upper.index("OBS_FLAG") if "OBS_FLAG" in upper else None
    freq = next((i for i in dimensions if header[i].lower() == "freq"), None)
    unit = next((i for i in dimensions if header[i].lower() == "unit"), None)
    for line, cells in lines:
        check_width(cells, header, line)
        cells = [cell.strip() for cell in cells]
        value_text = cells[upper.index("OBS_VALUE")]
        if value_text in MISSING:
            continue  # Eurostat's missing value
        flow = _DATAFLOW.fullmatch(cells[upper.index("DATAFLOW")])
        if flow is None:
            raise line_error(line, f"DATAFLOW '{cells[0]}' is not AGENCY:ID(VERSION)")
        codes = [_code(cells[i]) for i in dimensions]
        if not all(codes):
            raise line_error(line, "a dimension value is empty")
        period_text = cells[upper.index("TIME_PERIOD")]
        period = try_parse(period_text)
        if period is None:
            raise line_error(line, f"TIME_PERIOD '{period_text}' is not YYYY-MM, YYYY-Qn or YYYY")
        if freq is not None and _FREQ.get(codes[dimensions.index(freq)]) is not period.frequency:
            raise line_error(
                line,
                f"freq {codes[dimensions.index(freq)]} does not fit "
                f"TIME_PERIOD {period_text} (M, Q and A are supported)",
            )
        status = _status(cells[flag] if flag is not None else "")
        code = f"{flow['id']}:{'.'.join(codes)}"
        series = collector.add(code, period, parse_value(value_text, line), status, line)
        unit_code = codes[dimensions.index(unit)] if unit is not None else None
        base = _INDEX_UNIT.fullmatch(unit_code or "")
        agency = flow["agency"] or ""
        collector.describe(
            series,
            line,
            name=code,
            unit=unit_code,
            base_label=f"20{base[1]}=100" if base else None,
            source="Eurostat" if agency == "ESTAT" else agency,
        )
    return collector.result(IndexFileFormat.SDMX_CSV)


def _code(cell: str) -> str:
    return cell.split(":", 1)[0].strip()


def _status(flags: str) -> ObservationStatus:
    if "e" in flags:
        return ObservationStatus.ESTIMATED
    if "p" in flags:
        return ObservationStatus.PROVISIONAL
    return ObservationStatus.FINAL
