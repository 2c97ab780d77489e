"""Helpers for the pricing tests: a tenant of one's own, GraphQL calls that must succeed,
index file uploads, and a COMPLETED article with a given cost model."""

import json
import uuid
from pathlib import Path
from typing import Any

from cost_model_service.auth.keys import create_key
from tests.graphql_client import PREFLIGHT
from tests.helpers import submit, wait_until_finished
from tests.stack import Stack

DATA = Path(__file__).parents[1] / "data" / "index_series"

IMPORT = """mutation I($file: Upload!, $format: IndexFileFormat! = AUTO) {
  importIndexSeries(file: $file, format: $format) {
    format observationsAdded observationsRevised
    series { code name source frequency baseLabel unit currency latestPeriod } } }"""

UPDATE_MODEL = """mutation U($id: ID!, $parts: [CostModelPartInput!]!) {
  updateCostModel(articleId: $id, parts: $parts) {
    costModelMethod costModel { part index { code } } } }"""

BIND = """mutation B($index: String!, $series: String!, $lag: Int!, $article: ID) {
  bindCostIndex(indexCode: $index, seriesCode: $series, lag: $lag, articleId: $article) {
    index { code } series { code } lag articleId } }"""

BASIS = """mutation P($id: ID!, $price: Decimal!, $currency: String!, $period: String!) {
  setPriceBasis(articleId: $id, price: $price, currency: $currency, period: $period) {
    priceBasis { price currency period } } }"""

PAID = """mutation R($id: ID!, $period: String!, $price: Decimal!) {
  recordPaidPrice(articleId: $id, period: $period, price: $price) {
    paidPrices { period price } } }"""

ALERT = """mutation A($id: ID!, $kind: PriceAlertKind!, $threshold: Decimal!) {
  createPriceAlert(articleId: $id, kind: $kind, thresholdPercent: $threshold) {
    id articleId kind thresholdPercent triggered lastPercent lastPeriod } }"""

WORKED_MODEL = [
    {"indexCode": "FIXED", "part": "15"},
    {"indexCode": "STEEL", "part": "40"},
    {"indexCode": "PLASTICS", "part": "15"},
    {"indexCode": "LABOUR", "part": "25"},
    {"indexCode": "ELECTRICITY", "part": "5"},
]


async def new_tenant(stack: Stack) -> dict[str, str]:
    """Headers acting for a fresh tenant, so that codes and listings are this test's own."""
    async with stack.services.sessionmaker() as session:
        _, key = await create_key(session, f"pricing-{uuid.uuid4().hex[:8]}")
        await session.commit()
    return {"Authorization": f"Bearer {key}"}


async def call(stack: Stack, query: str, headers: dict[str, str], **variables: Any) -> dict:
    response = await stack.http.post(
        stack.graphql_url, headers=headers, json={"query": query, "variables": variables}
    )
    return response.json()


async def ok(stack: Stack, query: str, headers: dict[str, str], **variables: Any) -> dict:
    body = await call(stack, query, headers, **variables)
    assert "errors" not in body, body
    return body["data"]


def codes(body: dict) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors", [])]


async def upload_index(
    stack: Stack,
    headers: dict[str, str],
    content: bytes,
    filename: str = "index.csv",
    file_format: str = "AUTO",
) -> dict:
    operations = {"query": IMPORT, "variables": {"file": None, "format": file_format}}
    response = await stack.http.post(
        stack.graphql_url,
        headers={**PREFLIGHT, **headers},
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (filename, content, "text/csv")},
    )
    return response.json()


async def import_fixture(stack: Stack, headers: dict[str, str], name: str) -> dict:
    body = await upload_index(stack, headers, (DATA / name).read_bytes(), Path(name).name)
    assert "errors" not in body, body
    return body["data"]["importIndexSeries"]


async def completed_article(
    stack: Stack, headers: dict[str, str], model: list[dict[str, str]] = WORKED_MODEL
) -> str:
    """An article the worker analysed, its cost model then set by hand."""
    stack.http.headers.update(headers)
    try:
        article_id = await submit(stack, b"Bracket\nMaterial: steel S235\nNet weight: 0.4 kg\n")
        assert (await wait_until_finished(stack, article_id))["processingStatus"] == "COMPLETED"
    finally:
        for key in headers:
            del stack.http.headers[key]
    await ok(stack, UPDATE_MODEL, headers, id=article_id, parts=model)
    return article_id
