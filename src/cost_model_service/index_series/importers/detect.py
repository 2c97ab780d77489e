"""Which format a file is in (AUTO reads the header), and parsing it all or nothing."""

from collections.abc import Callable

from cost_model_service.errors import BadUserInput
from cost_model_service.index_series.importers import bls_flat, fred_csv, long_csv, sdmx_csv
from cost_model_service.index_series.importers.base import (
    IndexFileFormat,
    ParsedFile,
    decode,
    line_error,
)

_FORMATS: dict[IndexFileFormat, tuple[Callable[[list[str]], bool], Callable[[str], ParsedFile]]]
_FORMATS = {
    # Most specific first: an SDMX header also holds columns a LONG_CSV could have.
    IndexFileFormat.SDMX_CSV: (sdmx_csv.matches, sdmx_csv.parse),
    IndexFileFormat.FRED_CSV: (fred_csv.matches, fred_csv.parse),
    IndexFileFormat.BLS_FLAT: (bls_flat.matches, bls_flat.parse),
    IndexFileFormat.LONG_CSV: (long_csv.matches, long_csv.parse),
}
_EXPECTED = (
    "LONG_CSV (series_code,period,value), SDMX_CSV (DATAFLOW,...,TIME_PERIOD,"
    "OBS_VALUE), FRED_CSV (observation_date,<SERIES_ID>) or BLS_FLAT (series_id, year, "
    "period, value, footnote_codes separated by tabs)"
)


def header_of(text: str) -> list[str]:
    for raw in text.splitlines():
        if raw.strip():
            return raw.split("\t") if "\t" in raw else raw.split(",")
    raise BadUserInput("the file is empty")


def detect(text: str) -> IndexFileFormat:
    header = header_of(text)
    for file_format, (matches, _) in _FORMATS.items():
        if matches(header):
            return file_format
    raise line_error(1, f"unrecognised header '{','.join(header)[:80]}': expected {_EXPECTED}")


def parse_file(data: bytes, file_format: IndexFileFormat = IndexFileFormat.AUTO) -> ParsedFile:
    text = decode(data)
    header = header_of(text)
    if file_format is IndexFileFormat.AUTO:
        file_format = detect(text)
    matches, parse = _FORMATS[file_format]
    if not matches(header):
        raise line_error(
            1, f"the header '{','.join(header)[:80]}' is not a {file_format.value.upper()} header"
        )
    return parse(text)
