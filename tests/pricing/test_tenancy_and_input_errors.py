"""Everything pricing is tenant-scoped (another tenant's series, binding, article or alert is
NOT_FOUND, exactly like a missing one), and bad input is BAD_USER_INPUT naming the problem."""

import uuid

import pytest

from cost_model_service.config import Settings
from tests.helpers import submit, wait_until_finished
from tests.pricing.support import (
    ALERT,
    BASIS,
    BIND,
    PAID,
    UPDATE_MODEL,
    call,
    codes,
    completed_article,
    import_fixture,
    new_tenant,
    ok,
    upload_index,
)
from tests.stack import Stack, running_stack

pytestmark = pytest.mark.slow

PROJECTION = """query P($id: ID!, $from: String!, $to: String!, $scenario: [IndexShockInput!]) {
  article(id: $id) { priceProjection(from: $from, to: $to, scenario: $scenario) {
    points { price } } } }"""
DELETE = "mutation D($id: ID!) { deletePriceAlert(id: $id) }"


@pytest.fixture(scope="module")
async def stack(database_url: str, redis_url: str):
    settings = Settings(
        _env_file=None,
        database_url=database_url,  # type: ignore[call-arg]
        redis_url=redis_url,
        redis_prefix=f"cmstest-pricing-{uuid.uuid4().hex}",
        analyzer="rules",
        openai_api_key=None,
        sweep_interval_seconds=0,
    )
    async with running_stack(settings) as running:
        yield running


@pytest.fixture(scope="module")
async def owner(stack: Stack) -> tuple[dict[str, str], str, str]:
    """A tenant with the worked example set up: (headers, article id, alert id)."""
    me = await new_tenant(stack)
    article_id = await completed_article(stack, me)
    await import_fixture(stack, me, "long_csv/worked_example.csv")
    await ok(stack, BIND, me, index="STEEL", series="EX_STEEL", lag=2)
    await ok(stack, BASIS, me, id=article_id, price="12.40", currency="EUR", period="2024-03")
    alert = await ok(stack, ALERT, me, id=article_id, kind="MOVE_FROM_BASE", threshold="5")
    return me, article_id, alert["createPriceAlert"]["id"]


async def test_another_tenants_things_are_not_found(stack: Stack, owner) -> None:
    _, article_id, alert_id = owner
    other = await new_tenant(stack)
    # Its own series under the same code is another series.
    await import_fixture(stack, other, "long_csv/worked_example_electricity_2025_01.csv")
    missing = {
        "series": await call(stack, '{ indexSeries(code: "EX_STEEL") { id } }', other),
        "binding to it": await call(stack, BIND, other, index="STEEL", series="EX_STEEL", lag=0),
        "article binding": await call(
            stack,
            BIND,
            other,
            index="ELECTRICITY",
            series="EX_ELECTRICITY",
            lag=0,
            article=article_id,
        ),
        "basis": await call(
            stack, BASIS, other, id=article_id, price="1", currency="EUR", period="2024-01"
        ),
        "paid": await call(stack, PAID, other, id=article_id, period="2024-01", price="1"),
        "model": await call(
            stack, UPDATE_MODEL, other, id=article_id, parts=[{"indexCode": "STEEL", "part": "100"}]
        ),
        "alert": await call(
            stack, ALERT, other, id=article_id, kind="MOVE_FROM_BASE", threshold="5"
        ),
        "alerts of": await call(
            stack, "query Q($id: ID) { priceAlerts(articleId: $id) { id } }", other, id=article_id
        ),
        "delete": await call(stack, DELETE, other, id=alert_id),
        "projection": await call(
            stack, PROJECTION, other, id=article_id, **{"from": "2025-03"}, to="2025-03"
        ),
    }
    assert {what: codes(body) for what, body in missing.items()} == {
        what: ["NOT_FOUND"] for what in missing
    }
    lists = await ok(
        stack, "{ indexSeriesList { code } costIndexBindings { lag } priceAlerts { id } }", other
    )
    assert lists == {
        "indexSeriesList": [{"code": "EX_ELECTRICITY"}],
        "costIndexBindings": [],
        "priceAlerts": [],
    }


@pytest.mark.parametrize(
    ("query", "variables", "message"),
    [
        (
            BASIS,
            {"price": "12.40", "currency": "EURO", "period": "2024-03"},
            "currency 'EURO' is not an ISO 4217",
        ),
        (BASIS, {"price": "12.40", "currency": "XXX", "period": "2024-03"}, "'XXX' is not an ISO"),
        (BASIS, {"price": "12.40", "currency": "EUR", "period": "2024-13"}, "is not a month"),
        (BASIS, {"price": "12.40", "currency": "EUR", "period": "2024-Q1"}, "is not a month"),
        (
            BASIS,
            {"price": "-1", "currency": "EUR", "period": "2024-03"},
            "price must be above zero",
        ),
        (BASIS, {"price": "NaN", "currency": "EUR", "period": "2024-03"}, "finite decimal"),
        (
            BASIS,
            {"price": "1.1234567", "currency": "EUR", "period": "2024-03"},
            "more than 6 decimal places",
        ),
        (BASIS, {"price": "twelve", "currency": "EUR", "period": "2024-03"}, "Decimal"),
        (PAID, {"period": "2025-03", "price": "-13.50"}, "price must be above zero"),
        (PAID, {"period": "03/2025", "price": "13.50"}, "'03/2025' is not a month"),
        (ALERT, {"kind": "DRIFT_FROM_PAID", "threshold": "0.5"}, "between 1 and 1000"),
        (ALERT, {"kind": "DRIFT_FROM_PAID", "threshold": "5.001"}, "more than 2 decimal places"),
        (
            UPDATE_MODEL,
            {"parts": [{"indexCode": "STEEL", "part": "60"}, {"indexCode": "STEEL", "part": "40"}]},
            "repeated: STEEL",
        ),
        (
            UPDATE_MODEL,
            {"parts": [{"indexCode": "UNOBTAINIUM", "part": "100"}]},
            "not cost index codes: 'UNOBTAINIUM'",
        ),
        (
            UPDATE_MODEL,
            {"parts": [{"indexCode": "STEEL", "part": "100"}, {"indexCode": "FIXED", "part": "0"}]},
            "must be above zero",
        ),
        (
            UPDATE_MODEL,
            {
                "parts": [
                    {"indexCode": "STEEL", "part": "99.995"},
                    {"indexCode": "FIXED", "part": "0.005"},
                ]
            },
            "2 decimal places",
        ),
        (UPDATE_MODEL, {"parts": []}, "at least one part"),
        (PROJECTION, {"from": "2025-04", "to": "2025-03"}, "is before from"),
        (PROJECTION, {"from": "2000-01", "to": "2060-01"}, "at most 600 months"),
        (PROJECTION, {"from": "2025-3", "to": "2025-03"}, "'2025-3' is not a month"),
        (
            PROJECTION,
            {
                "from": "2025-03",
                "to": "2025-03",
                "scenario": [{"indexCode": "GOLD", "percent": "5"}],
            },
            "'GOLD' is not a cost",
        ),
        (
            PROJECTION,
            {
                "from": "2025-03",
                "to": "2025-03",
                "scenario": [{"indexCode": "STEEL", "percent": "-100"}],
            },
            "100 % or more",
        ),
        (
            PROJECTION,
            {
                "from": "2025-03",
                "to": "2025-03",
                "scenario": [{"indexCode": "FIXED", "percent": "5"}],
            },
            "FIXED is not indexed",
        ),
    ],
)
async def test_bad_input_is_refused_naming_the_problem(
    stack: Stack, owner, query: str, variables: dict, message: str
) -> None:
    me, article_id, _ = owner
    body = await call(stack, query, me, id=article_id, **variables)
    assert codes(body) == ["BAD_USER_INPUT"], body
    assert message.lower() in body["errors"][0]["message"].lower()


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"index": "GOLD", "series": "EX_STEEL", "lag": 0}, "'GOLD' is not a cost index code"),
        ({"index": "FIXED", "series": "EX_STEEL", "lag": 0}, "FIXED is the non-indexed share"),
        ({"index": "STEEL", "series": "EX_STEEL", "lag": -1}, "lag must be between 0 and 60"),
    ],
)
async def test_bad_bindings_are_refused(stack: Stack, owner, variables: dict, message: str) -> None:
    me, _, _ = owner
    body = await call(stack, BIND, me, **variables)
    assert codes(body) == ["BAD_USER_INPUT"] and message in body["errors"][0]["message"]
    missing = await call(stack, BIND, me, index="STEEL", series="NO_SUCH", lag=0)
    assert codes(missing) == ["NOT_FOUND"]


async def test_text_postgresql_cannot_store_is_refused_not_crashed(stack: Stack, owner) -> None:
    """PostgreSQL text holds no NUL: every string argument is checked before any resolver
    runs (graphql/inputs.py, one check for the whole API), so a NUL in a code is
    BAD_USER_INPUT naming the variable, wherever the code goes; inside an uploaded file
    the importer names the line."""
    me, article_id, _ = owner
    nul = "STE\u0000EL"
    refused = {
        "index code": await call(stack, BIND, me, index=nul, series="EX_STEEL", lag=0),
        "series code": await call(stack, BIND, me, index="STEEL", series=nul, lag=0),
        "series lookup": await call(
            stack, "query S($c: String!) { indexSeries(code: $c) { id } }", me, c=nul
        ),
        "model part": await call(
            stack, UPDATE_MODEL, me, id=article_id, parts=[{"indexCode": nul, "part": "100"}]
        ),
    }
    for what, body in refused.items():
        assert codes(body) == ["BAD_USER_INPUT"], what
        assert "contains a NUL character" in body["errors"][0]["message"], what
    body = await upload_index(stack, me, b"series_code,period,value\nX\x00,2024-01,1\n")
    assert codes(body) == ["BAD_USER_INPUT"] and "line 2" in body["errors"][0]["message"]


async def test_a_missing_base_value_is_refused_naming_series_and_period(
    stack: Stack, owner
) -> None:
    me, article_id, _ = owner
    await ok(stack, BASIS, me, id=article_id, price="12.40", currency="EUR", period="2024-05")
    try:
        body = await call(stack, PROJECTION, me, id=article_id, **{"from": "2025-03"}, to="2025-03")
    finally:
        await ok(stack, BASIS, me, id=article_id, price="12.40", currency="EUR", period="2024-03")
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["message"].startswith(
        "series EX_STEEL has no value for 2024-03, the base period of STEEL"
    )


async def test_only_a_completed_articles_model_can_be_edited(stack: Stack, owner) -> None:
    me, _, alert_id = owner
    stack.http.headers.update(me)
    try:  # a GIF is accepted on upload and FAILED by the analysis
        failed = await submit(
            stack, b"GIF89a\x01\x00\x01\x00", filename="x.gif", content_type="image/gif"
        )
        assert (await wait_until_finished(stack, failed))["processingStatus"] == "FAILED"
    finally:
        del stack.http.headers["Authorization"]
    refused = await call(
        stack, UPDATE_MODEL, me, id=failed, parts=[{"indexCode": "STEEL", "part": "100"}]
    )
    assert codes(refused) == ["BAD_USER_INPUT"] and "this one is FAILED" in str(refused)
    missing = await call(
        stack, UPDATE_MODEL, me, id=str(uuid.uuid4()), parts=[{"indexCode": "STEEL", "part": "100"}]
    )
    assert codes(missing) == ["NOT_FOUND"]
    assert codes(await call(stack, DELETE, me, id="not-an-id")) == ["BAD_USER_INPUT"]
    assert (await ok(stack, DELETE, me, id=alert_id)) == {"deletePriceAlert": True}
    assert codes(await call(stack, DELETE, me, id=alert_id)) == ["NOT_FOUND"]
