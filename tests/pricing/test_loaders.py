"""A page of articles with their pricing fields costs the same number of queries for one
article as for three: every nested list loads through a DataLoader."""

from decimal import Decimal as D

import pytest
from sqlalchemy import event

from cost_model_service.auth.keys import create_key
from cost_model_service.config import Settings
from cost_model_service.index_series.importers import IndexFileFormat
from cost_model_service.price_alerts.models import PriceAlertKind
from cost_model_service.pricing import service as pricing
from tests.pricing.db import completed_article, fixture_bytes
from tests.pricing.support import ok
from tests.stack import Stack, running_stack

pytestmark = pytest.mark.slow

PAGE = """{ articles(first: 10) { edges { node { id
  priceBasis { price currency period } paidPrices { period price }
  costIndexBindings { index { code } series { code latestPeriod } lag articleId }
  priceProjection(from: "2025-01", to: "2025-03") { basis { price }
    unboundIndices { code }
    points { period price factor provisional contributions { index { code } series { code }
      ratio amount carriedForward } } } } } }
  priceAlerts { id triggered lastPercent }
  indexSeriesList { code observations(from: "2024-01") { period value } } }"""


async def add_article(stack: Stack, tenant_id) -> None:
    async with stack.services.sessionmaker() as session:
        article = await completed_article(session, tenant_id)
        await pricing.bind_cost_index(session, tenant_id, "LABOUR", "EX_LABOUR", 1, article.id)
        await pricing.set_price_basis(session, tenant_id, article.id, D("12.40"), "EUR", "2024-03")
        await pricing.record_paid_price(session, tenant_id, article.id, "2025-03", D("13.5"))
        await pricing.create_price_alert(
            session, tenant_id, article.id, PriceAlertKind.DRIFT_FROM_PAID, D("3")
        )


async def count_statements(stack: Stack, headers: dict[str, str]) -> tuple[int, dict]:
    engine = stack.services.sessionmaker.kw["bind"]
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        data = await ok(stack, PAGE, headers)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)
    return len(statements), data


async def test_pricing_fields_do_not_fan_out(settings: Settings) -> None:
    async with running_stack(settings, worker=False) as stack:
        async with stack.services.sessionmaker() as session:
            row, key = await create_key(session, "loaders-" + settings.redis_prefix[-8:])
            await session.commit()
            tenant_id = row.tenant_id
            await pricing.import_index_file(
                session,
                stack.services.queue,
                settings.redis_keys,
                tenant_id,
                fixture_bytes("long_csv/worked_example.csv"),
                IndexFileFormat.AUTO,
            )
            for index, series in (
                ("STEEL", "EX_STEEL"),
                ("PLASTICS", "EX_PLASTICS"),
                ("ELECTRICITY", "EX_ELECTRICITY"),
            ):
                await pricing.bind_cost_index(session, tenant_id, index, series, 2, None)
        headers = {"Authorization": f"Bearer {key}"}
        await add_article(stack, tenant_id)
        one, data = await count_statements(stack, headers)
        (edge,) = data["articles"]["edges"]
        assert edge["node"]["priceProjection"]["points"][2]["price"] == "12.87"
        await add_article(stack, tenant_id)
        await add_article(stack, tenant_id)
        three, data = await count_statements(stack, headers)
        assert len(data["articles"]["edges"]) == 3 and len(data["priceAlerts"]) == 3
        print(f"\npricing page: {one} statements for one article, {three} for three")
        assert one == three, (one, three)
        assert three <= 20, three
