"""Importing index files through the API: each format from a fixture in its published shape,
malformed files refused with a line number and nothing stored, revisions counted and kept."""

import pytest
from sqlalchemy import text

from cost_model_service.config import Settings
from tests.pricing.support import (
    DATA,
    call,
    codes,
    import_fixture,
    new_tenant,
    ok,
    upload_index,
)
from tests.stack import Stack, running_stack

pytestmark = pytest.mark.slow

SERIES = """query S($code: String!, $from: String, $to: String) { indexSeries(code: $code) {
  code frequency latestPeriod observations(from: $from, to: $to) { period value status } } }"""
LIST = "{ indexSeriesList { code frequency latestPeriod } }"


@pytest.fixture(scope="module")
async def stack(database_url: str, redis_url: str):
    settings = Settings(
        _env_file=None,
        database_url=database_url,  # type: ignore[call-arg]
        redis_url=redis_url,
        redis_prefix="cmstest-index-import",
    )
    async with running_stack(settings, worker=False) as running:
        yield running


@pytest.mark.parametrize(
    ("name", "file_format", "expected"),
    [
        (
            "sdmx_csv/sts_inppd_m_c24.csv",
            "SDMX_CSV",
            {
                "STS_INPPD_M:M.PRC_PRR_DOM.C24.NSA.I21.DE": ("MONTHLY", "2024-12", 24),
                "STS_INPPD_M:M.PRC_PRR_DOM.C24.NSA.I21.FR": ("MONTHLY", "2024-12", 23),
            },
        ),
        (
            "sdmx_csv/lc_lci_r2_q_c.csv",
            "SDMX_CSV",
            {"LC_LCI_R2_Q:Q.I20.SCA.D1_D4_MD5.C.EU27_2020": ("QUARTERLY", "2024-Q4", 12)},
        ),
        ("fred_csv/PPIACO.csv", "FRED_CSV", {"PPIACO": ("MONTHLY", "2024-12", 35)}),
        ("fred_csv/ECIWAG_quarterly.csv", "FRED_CSV", {"ECIWAG": ("QUARTERLY", "2024-Q4", 24)}),
        (
            "fred_csv/two_annual_series.csv",
            "FRED_CSV",
            {"PCU331331A": ("ANNUAL", "2024", 10), "PCU3312103312101": ("ANNUAL", "2024", 9)},
        ),
        (
            "bls_flat/wp.data.sample",
            "BLS_FLAT",
            {"WPU101": ("MONTHLY", "2024-12", 24), "WPU0721": ("MONTHLY", "2024-12", 24)},
        ),
        (
            "bls_flat/ci.data.sample",
            "BLS_FLAT",
            {"CIU2013000000000I": ("QUARTERLY", "2024-Q4", 12)},
        ),
        (
            "long_csv/own_export.csv",
            "LONG_CSV",
            {"ACME_CASTINGS": ("QUARTERLY", "2024-Q4", 4), "ACME_FREIGHT": ("ANNUAL", "2025", 2)},
        ),
    ],
)
async def test_each_format_imports_its_fixture(
    stack: Stack, name: str, file_format: str, expected: dict
) -> None:
    me = await new_tenant(stack)
    result = await import_fixture(stack, me, name)
    assert result["format"] == file_format
    assert result["observationsAdded"] == sum(n for _, _, n in expected.values())
    assert result["observationsRevised"] == 0
    assert {s["code"]: (s["frequency"], s["latestPeriod"]) for s in result["series"]} == {
        code: (frequency, latest) for code, (frequency, latest, _) in expected.items()
    }
    for code, (_, _, count) in expected.items():
        series = (await ok(stack, SERIES, me, code=code))["indexSeries"]
        assert len(series["observations"]) == count
    again = await import_fixture(stack, me, name)  # the same file again changes nothing
    assert (again["observationsAdded"], again["observationsRevised"]) == (0, 0)


async def _stored(stack: Stack) -> int:
    async with stack.services.sessionmaker() as session:
        return (await session.exec(text("SELECT count(*) FROM index_observation"))).one()[0]


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "malformed").iterdir()))
async def test_malformed_files_are_refused_with_a_line_and_store_nothing(
    stack: Stack, name: str
) -> None:
    me = await new_tenant(stack)
    before = await _stored(stack)
    body = await upload_index(stack, me, (DATA / "malformed" / name).read_bytes(), name)
    assert codes(body) == ["BAD_USER_INPUT"], body
    assert body["errors"][0]["message"].startswith("line ")
    assert (await ok(stack, LIST, me))["indexSeriesList"] == []
    assert await _stored(stack) == before


async def test_a_bad_row_after_good_series_stores_nothing(stack: Stack) -> None:
    me = await new_tenant(stack)
    good = (DATA / "long_csv/own_export.csv").read_text()
    body = await upload_index(stack, me, (good + "ACME_NEW,2024-01,abc,,,,,\n").encode())
    assert body["errors"][0]["message"] == "line 8: value 'abc' is not a number"
    assert (await ok(stack, LIST, me))["indexSeriesList"] == []


async def test_revisions_are_counted_and_earlier_vintages_kept(stack: Stack) -> None:
    me = await new_tenant(stack)
    await import_fixture(stack, me, "long_csv/own_export.csv")
    revised = await import_fixture(stack, me, "long_csv/own_export_revised.csv")
    # 2024-Q2 102.90 equals 102.9: no revision. Q3 104.1 -> 104.3, Q4 ESTIMATED ->
    # PROVISIONAL, FREIGHT 2025 PROVISIONAL -> FINAL: revised. 2025-Q1: added.
    assert (revised["observationsAdded"], revised["observationsRevised"]) == (1, 3)
    castings = (
        await ok(stack, SERIES, me, code="ACME_CASTINGS", **{"from": "2024-Q2"}, to="2025-Q1")
    )["indexSeries"]
    assert castings["latestPeriod"] == "2025-Q1"
    assert castings["observations"] == [
        {"period": "2024-Q2", "value": "102.9", "status": "FINAL"},
        {"period": "2024-Q3", "value": "104.3", "status": "FINAL"},
        {"period": "2024-Q4", "value": "104.8", "status": "PROVISIONAL"},
        {"period": "2025-Q1", "value": "105.6", "status": "PROVISIONAL"},
    ]
    async with stack.services.sessionmaker() as session:
        rows = (
            await session.exec(
                text(
                    "SELECT s.code, v.period, v.value::text, v.status, "
                    "v.imported_at < v.superseded_at "
                    "FROM index_observation_vintage v JOIN index_series s ON s.id = v.series_id "
                    "JOIN api_key k ON k.tenant_id = s.tenant_id WHERE k.key_hash = :hash "
                    "ORDER BY s.code, v.period"
                ),
                params={"hash": _hash(me)},
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("ACME_CASTINGS", "2024-Q3", "104.1", "provisional", True),
        ("ACME_CASTINGS", "2024-Q4", "104.8", "estimated", True),
        ("ACME_FREIGHT", "2025", "99.1", "provisional", True),
    ]


def _hash(headers: dict[str, str]) -> str:
    from cost_model_service.auth.keys import hash_key

    return hash_key(headers["Authorization"].removeprefix("Bearer "))


async def test_another_frequency_under_a_known_code_is_refused(stack: Stack) -> None:
    me = await new_tenant(stack)
    await import_fixture(stack, me, "long_csv/own_export.csv")
    body = await upload_index(stack, me, b"series_code,period,value\nACME_CASTINGS,2025-01,1\n")
    assert codes(body) == ["BAD_USER_INPUT"]
    assert "line 2: series ACME_CASTINGS is quarterly" in body["errors"][0]["message"]


async def test_a_named_format_that_does_not_fit_and_bad_observation_ranges(stack: Stack) -> None:
    me = await new_tenant(stack)
    content = (DATA / "fred_csv/PPIACO.csv").read_bytes()
    body = await upload_index(stack, me, content, file_format="BLS_FLAT")
    assert codes(body) == ["BAD_USER_INPUT"] and "not a BLS_FLAT header" in str(body)
    assert (await upload_index(stack, me, content, file_format="FRED_CSV"))["data"]
    late = await ok(stack, SERIES, me, code="PPIACO", **{"from": "2024-Q4"})
    assert [o["period"] for o in late["indexSeries"]["observations"]] == [
        "2024-10",
        "2024-11",
        "2024-12",
    ]
    wrong = await call(stack, SERIES, me, code="PPIACO", **{"from": "2024-13"})
    assert codes(wrong) == ["BAD_USER_INPUT"]
    assert "from '2024-13' is not a period" in wrong["errors"][0]["message"]
    assert codes(await call(stack, SERIES, me, code="NOPE")) == ["NOT_FOUND"]
