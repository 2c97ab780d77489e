"""The index series enums as GraphQL shows them: the domain enums themselves (one
definition each), exposed by their member names (MONTHLY, ...), every value described."""

from cost_model_service.graphql.enums import described_enum
from cost_model_service.index_series.importers import IndexFileFormat as FileFormatValue
from cost_model_service.index_series.periods import Frequency as FrequencyValue
from cost_model_service.index_series.values import ObservationStatus as StatusValue

Frequency = described_enum(
    FrequencyValue,
    "How often a series has a value; its periods are spelled YYYY-MM, YYYY-Qn or YYYY.",
    {
        "MONTHLY": "One value a month (YYYY-MM); a lag counts months.",
        "QUARTERLY": "One value a quarter (YYYY-Qn); a lag counts quarters.",
        "ANNUAL": "One value a year (YYYY); a lag counts years.",
    },
)
ObservationStatus = described_enum(
    StatusValue,
    "How final a published value is.",
    {
        "FINAL": "Published as final (it may still be revised; the earlier vintage is kept).",
        "PROVISIONAL": "Published as provisional (Eurostat flag p, BLS footnote P): a point "
        "that uses it is provisional.",
        "ESTIMATED": "An estimate (Eurostat flag e): a point that uses it is provisional.",
    },
)
IndexFileFormat = described_enum(
    FileFormatValue,
    "The layout of an index file.",
    {
        "AUTO": "Detected from the header line.",
        "LONG_CSV": "series_code,period,value with optional status,name,unit,base,source,"
        "currency columns.",
        "SDMX_CSV": "Eurostat's SDMX-CSV: DATAFLOW,LAST UPDATE,<dimensions...>,TIME_PERIOD,"
        "OBS_VALUE,OBS_FLAG; the code is the dataflow id, a colon and the dimension "
        "values joined by dots.",
        "FRED_CSV": "FRED's download: observation_date (or DATE),<SERIES_ID>; the frequency "
        "follows from the dates' spacing.",
        "BLS_FLAT": "BLS flat files: tab-separated series_id year period value footnote_codes.",
    },
)
