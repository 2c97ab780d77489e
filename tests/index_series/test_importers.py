"""Each format reads a file written in its published shape; AUTO tells them apart; a
malformed file is refused naming the line and the problem (the parsers are pure)."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from cost_model_service.errors import BadUserInput
from cost_model_service.index_series.importers import IndexFileFormat, parse_file
from cost_model_service.index_series.periods import Frequency, parse
from cost_model_service.index_series.values import ObservationStatus

DATA = Path(__file__).parents[1] / "data" / "index_series"
F = IndexFileFormat


def read(name: str, file_format: IndexFileFormat = F.AUTO):
    return parse_file((DATA / name).read_bytes(), file_format)


def test_eurostat_sdmx_csv_codes_flags_and_missing_values() -> None:
    parsed = read("sdmx_csv/sts_inppd_m_c24.csv")
    assert parsed.format is F.SDMX_CSV
    de, fr = parsed.series
    assert de.code == "STS_INPPD_M:M.PRC_PRR_DOM.C24.NSA.I21.DE"
    assert fr.code == "STS_INPPD_M:M.PRC_PRR_DOM.C24.NSA.I21.FR"
    assert de.frequency is Frequency.MONTHLY and len(de.observations) == 24
    assert len(fr.observations) == 23  # 2023-09 is ':' (missing): skipped
    assert parse("2023-09") not in fr.observations
    assert de.meta == {
        "name": de.code,
        "unit": "I21",
        "base_label": "2021=100",
        "source": "Eurostat",
    }
    assert de.observations[parse("2024-12")][1] is ObservationStatus.PROVISIONAL
    assert fr.observations[parse("2023-06")][1] is ObservationStatus.ESTIMATED
    assert de.observations[parse("2023-01")] == (D("118.1"), ObservationStatus.FINAL, 2)


def test_eurostat_quarterly_with_crlf_line_ends() -> None:
    (series,) = read("sdmx_csv/lc_lci_r2_q_c.csv").series
    assert series.code == "LC_LCI_R2_Q:Q.I20.SCA.D1_D4_MD5.C.EU27_2020"
    assert series.frequency is Frequency.QUARTERLY and len(series.observations) == 12
    assert series.meta["base_label"] == "2020=100"


def test_fred_monthly_quarterly_and_annual_from_the_dates_spacing() -> None:
    monthly = read("fred_csv/PPIACO.csv")
    assert monthly.format is F.FRED_CSV
    (ppi,) = monthly.series
    assert (ppi.code, ppi.frequency, len(ppi.observations)) == ("PPIACO", Frequency.MONTHLY, 35)
    assert ppi.meta == {"name": "PPIACO", "source": "FRED"}
    (eci,) = read("fred_csv/ECIWAG_quarterly.csv").series  # the older DATE header
    assert eci.frequency is Frequency.QUARTERLY and str(min(eci.observations)) == "2019-Q1"
    a, b = read("fred_csv/two_annual_series.csv").series
    assert a.frequency is b.frequency is Frequency.ANNUAL
    assert (len(a.observations), len(b.observations)) == (10, 9)


def test_bls_flat_padded_cells_averages_dropped_preliminary_values() -> None:
    parsed = read("bls_flat/wp.data.sample")
    assert parsed.format is F.BLS_FLAT
    steel, lumber = parsed.series
    assert (steel.code, lumber.code) == ("WPU101", "WPU0721")
    assert len(steel.observations) == 24  # M13 annual averages dropped
    assert steel.observations[parse("2024-09")][1] is ObservationStatus.PROVISIONAL
    assert steel.observations[parse("2024-08")][1] is ObservationStatus.FINAL
    (eci,) = read("bls_flat/ci.data.sample").series
    assert eci.frequency is Frequency.QUARTERLY and len(eci.observations) == 12  # Q05 dropped


def test_long_csv_with_metadata_and_statuses() -> None:
    parsed = read("long_csv/own_export.csv")
    castings, freight = parsed.series
    assert castings.frequency is Frequency.QUARTERLY and freight.frequency is Frequency.ANNUAL
    assert castings.meta == {
        "name": "Castings purchase index",
        "unit": "index",
        "base_label": "2023=100",
        "source": "ACME purchasing",
    }
    statuses = [status for _, status, _ in castings.observations.values()]
    assert statuses == [
        ObservationStatus.FINAL,
        ObservationStatus.FINAL,
        ObservationStatus.PROVISIONAL,
        ObservationStatus.ESTIMATED,
    ]


@pytest.mark.parametrize(
    ("name", "line", "problem"),
    [
        ("long_csv_bad_period.csv", 4, "period '2024-13'"),
        ("long_csv_duplicate.csv", 5, "X 2024-02 is given twice (first on line 3)"),
        ("long_csv_negative.csv", 3, "value -1.5 is not above zero"),
        (
            "long_csv_mixed_frequency.csv",
            3,
            "period 2024-Q2 is quarterly, but series X has monthly",
        ),
        ("long_csv_short_row.csv", 3, "2 cells where the header has 3"),
        ("long_csv_latin1.csv", 3, "not UTF-8"),
        ("sdmx_csv_bad_value.csv", 3, "value '1O5.9' is not a number"),
        ("sdmx_csv_freq_mismatch.csv", 2, "freq Q does not fit TIME_PERIOD 2024-01"),
        ("fred_csv_daily.csv", 3, "not the first day of a month"),
        ("fred_csv_bad_number.csv", 4, "value 'n/a' is not a number"),
        ("bls_flat_bad_period.txt", 4, "period 'S01'"),
        ("bls_flat_short_row.txt", 3, "2 tab-separated cells"),
        ("unknown_header.csv", 1, "unrecognised header"),
    ],
)
def test_malformed_files_name_the_line_and_the_problem(name: str, line: int, problem: str) -> None:
    with pytest.raises(BadUserInput) as raised:
        read(f"malformed/{name}")
    assert raised.value.message.startswith(f"line {line}: "), raised.value.message
    assert problem in raised.value.message


def test_a_named_format_must_match_the_header() -> None:
    with pytest.raises(BadUserInput, match=r"line 1: .* is not a FRED_CSV header"):
        read("long_csv/own_export.csv", F.FRED_CSV)
    assert read("bls_flat/ci.data.sample", F.BLS_FLAT).format is F.BLS_FLAT


@pytest.mark.parametrize("content", [b"", b"\n\n", b"series_code,period,value\n"])
def test_empty_files_are_refused(content: bytes) -> None:
    with pytest.raises(BadUserInput, match=r"empty|no observations"):
        parse_file(content)


def test_values_keep_their_published_precision_and_currency_is_checked() -> None:
    text = b"series_code,period,value,currency\nX,2024-01,1.2E+2,eur\nX,2024-02,120.00,EUR\n"
    (series,) = parse_file(text).series
    assert [v for v, _, _ in series.observations.values()] == [D("1.2E+2"), D("120.00")]
    assert series.meta["currency"] == "EUR"
    with pytest.raises(BadUserInput, match="line 2: currency 'EU' is not an ISO 4217"):
        parse_file(b"series_code,period,value,currency\nX,2024-01,100,EU\n")
    with pytest.raises(BadUserInput, match="line 3: name 'B' of X contradicts 'A'"):
        parse_file(b"series_code,period,value,name\nX,2024-01,100,A\nX,2024-02,100,B\n")
