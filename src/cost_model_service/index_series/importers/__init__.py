"""Reading index files: LONG_CSV, SDMX_CSV (Eurostat), FRED_CSV, BLS_FLAT, or AUTO from the
header. Pure: bytes in, series and observations out, or BAD_USER_INPUT naming the line."""

from cost_model_service.index_series.importers.base import (
    IndexFileFormat,
    ParsedFile,
    ParsedSeries,
)
from cost_model_service.index_series.importers.detect import parse_file

__all__ = ["IndexFileFormat", "ParsedFile", "ParsedSeries", "parse_file"]
