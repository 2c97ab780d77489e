"""The issue's worked example through the GraphQL API on the real stack (uvicorn, arq,
PostgreSQL, Redis): the same numbers as the pure module's unit test, exact on the wire."""

import pytest

from cost_model_service.config import Settings
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
)
from tests.stack import running_stack

pytestmark = pytest.mark.slow

PROJECTION = """query P($id: ID!, $from: String!, $to: String!, $scenario: [IndexShockInput!]) {
  article(id: $id) { priceProjection(from: $from, to: $to, scenario: $scenario) {
    basis { price currency period }
    unboundIndices { code }
    points { period factor price provisional contributions {
      index { code } share series { code } basePeriod period ratio amount status
      carriedForward } } } } }"""

BINDINGS = """query B($id: ID!) {
  article(id: $id) { costIndexBindings { index { code } series { code } lag articleId } }
  costIndexBindings { index { code } series { code } lag articleId } }"""


async def march_2025(stack, headers, article_id, **variables) -> tuple[dict, str]:
    response = await stack.http.post(
        stack.graphql_url,
        headers=headers,
        json={
            "query": PROJECTION,
            "variables": {"id": article_id, "from": "2025-03", "to": "2025-03", **variables},
        },
    )
    body = response.json()
    assert "errors" not in body, body
    projection = body["data"]["article"]["priceProjection"]
    (point,) = projection["points"]
    return point, response.text


async def test_worked_example_holds_through_the_api(settings: Settings) -> None:
    async with running_stack(settings) as stack:
        me = await new_tenant(stack)
        article_id = await completed_article(stack, me)

        over = [{"indexCode": "FIXED", "part": "16"}, {"indexCode": "STEEL", "part": "85"}]
        refused = await call(stack, UPDATE_MODEL, me, id=article_id, parts=over)
        assert codes(refused) == ["BAD_USER_INPUT"]
        assert "sum to exactly 100.00, not 101.00" in refused["errors"][0]["message"]

        # No price basis yet: no projection.
        none = await ok(stack, PROJECTION, me, id=article_id, **{"from": "2025-03"}, to="2025-03")
        assert none["article"]["priceProjection"] is None

        imported = await import_fixture(stack, me, "long_csv/worked_example.csv")
        assert (
            imported["format"],
            imported["observationsAdded"],
            imported["observationsRevised"],
        ) == ("LONG_CSV", 8, 0)
        labour = next(s for s in imported["series"] if s["code"] == "EX_LABOUR")
        assert labour == {
            "code": "EX_LABOUR",
            "name": "Labour cost (worked example)",
            "source": "fixture",
            "frequency": "QUARTERLY",
            "baseLabel": "2020=100",
            "unit": "index",
            "currency": "EUR",
            "latestPeriod": "2024-Q4",
        }

        for index, series in (
            ("STEEL", "EX_STEEL"),
            ("PLASTICS", "EX_PLASTICS"),
            ("ELECTRICITY", "EX_ELECTRICITY"),
        ):
            await ok(stack, BIND, me, index=index, series=series, lag=2)
        # A tenant-wide LABOUR default that the article overrides.
        await ok(stack, BIND, me, index="LABOUR", series="EX_STEEL", lag=0)
        override = await ok(
            stack, BIND, me, index="LABOUR", series="EX_LABOUR", lag=1, article=article_id
        )
        assert override["bindCostIndex"] == {
            "index": {"code": "LABOUR"},
            "series": {"code": "EX_LABOUR"},
            "lag": 1,
            "articleId": article_id,
        }
        bindings = await ok(stack, BINDINGS, me, id=article_id)
        effective = {b["index"]["code"]: b for b in bindings["article"]["costIndexBindings"]}
        assert effective["LABOUR"]["series"]["code"] == "EX_LABOUR"
        assert effective["STEEL"]["articleId"] is None
        assert len(bindings["costIndexBindings"]) == 4  # the tenant-wide ones

        basis = await ok(
            stack, BASIS, me, id=article_id, price="12.40", currency="EUR", period="2024-03"
        )
        assert basis["setPriceBasis"]["priceBasis"] == {
            "price": "12.40",
            "currency": "EUR",
            "period": "2024-03",
        }

        # ELECTRICITY 2025-01 not published yet: 2024-12 is carried forward.
        point, _ = await march_2025(stack, me, article_id)
        assert (point["factor"], point["price"], point["provisional"]) == ("1.038", "12.87", True)
        electricity = next(c for c in point["contributions"] if c["index"]["code"] == "ELECTRICITY")
        assert (electricity["carriedForward"], electricity["period"], electricity["ratio"]) == (
            True,
            "2024-12",
            "0.91",
        )

        added = await import_fixture(stack, me, "long_csv/worked_example_electricity_2025_01.csv")
        assert added["observationsAdded"] == 1

        point, text = await march_2025(stack, me, article_id)
        assert (point["factor"], point["price"], point["provisional"]) == ("1.0375", "12.87", False)
        assert '"price":"12.87"' in text  # a JSON string, exact, never a float
        by_code = {c["index"]["code"]: c for c in point["contributions"]}
        assert {code: c["amount"] for code, c in by_code.items()} == {
            "STEEL": "0.496",
            "PLASTICS": "-0.093",
            "LABOUR": "0.124",
            "ELECTRICITY": "-0.062",
            "FIXED": "0",
        }
        assert by_code["LABOUR"] == {
            "index": {"code": "LABOUR"},
            "share": "0.25",
            "series": {"code": "EX_LABOUR"},
            "basePeriod": "2023-Q4",
            "period": "2024-Q4",
            "ratio": "1.04",
            "amount": "0.124",
            "status": "FINAL",
            "carriedForward": False,
        }
        assert by_code["FIXED"]["series"] is None and by_code["FIXED"]["ratio"] == "1"

        shocked, _ = await march_2025(
            stack, me, article_id, scenario=[{"indexCode": "STEEL", "percent": "10"}]
        )
        assert (shocked["factor"], shocked["price"]) == ("1.0815", "13.41")

        paid = await ok(stack, PAID, me, id=article_id, period="2025-03", price="13.50")
        assert paid["recordPaidPrice"]["paidPrices"] == [{"period": "2025-03", "price": "13.50"}]
        quiet = (await ok(stack, ALERT, me, id=article_id, kind="DRIFT_FROM_PAID", threshold="5"))[
            "createPriceAlert"
        ]
        assert (
            quiet["triggered"],
            quiet["lastPercent"],
            quiet["lastPeriod"],
            quiet["thresholdPercent"],
        ) == (False, "4.94", "2025-03", "5.00")
        fires = (await ok(stack, ALERT, me, id=article_id, kind="DRIFT_FROM_PAID", threshold="3"))[
            "createPriceAlert"
        ]
        assert (fires["triggered"], fires["lastPercent"]) == (True, "4.94")
        moved = (await ok(stack, ALERT, me, id=article_id, kind="MOVE_FROM_BASE", threshold="3"))[
            "createPriceAlert"
        ]
        assert (moved["triggered"], moved["lastPercent"], moved["lastPeriod"]) == (
            True,
            "3.75",
            "2025-03",
        )

        listed = await ok(
            stack,
            "query L($id: ID) { priceAlerts(articleId: $id) { id triggered } }",
            me,
            id=article_id,
        )
        assert [a["id"] for a in listed["priceAlerts"]] == [quiet["id"], fires["id"], moved["id"]]
