"""The pipeline end to end: upload → worker → events → subscription, on real servers."""

import asyncio
import hashlib
import uuid
from decimal import Decimal

import pytest

from cost_model_service.articles import service as articles
from cost_model_service.config import Settings
from tests.graphql_client import STAGES, STATUS_FIELDS, SUBSCRIBE_STATUS, post, subscribe, upload
from tests.stack import running_stack, running_worker

# Real processes (uvicorn, arq, subprocesses): not in the fast tier, `pytest -m "not slow"`.
pytestmark = pytest.mark.slow

SPEC = b"""Angle bracket AB-120
Material: galvanised steel S235, 4 mm
Net weight: 0.42 kg
"""


ARTICLE = """query A($id: ID!) { article(id: $id) {
  id articleName unitWeight processingStatus processingStage processingError
  costModelMethod weightExtraction { method evidence confidence }
  files { kind filename contentType size sha256 }
  costModel { part rationale index { code name category } } } }"""


async def _upload_spec(stack, spec: bytes = SPEC, name: str = "Angle bracket AB-120") -> str:
    response = await upload(
        stack.http, stack.graphql_url, name=name, spec=("ab120.txt", spec, "text/plain")
    )
    body = response.json()
    assert "errors" not in body, body
    article = body["data"]["analyzeArticle"]
    assert article["processingStatus"] == "PROCESSING"
    assert article["processingStage"] == "QUEUED"
    return article["id"]


async def _statuses(stack, article_id: str, protocol: str = "graphql-transport-ws") -> list[dict]:
    payloads = []
    async with asyncio.timeout(30):
        async for payload in subscribe(
            stack.ws_url, SUBSCRIBE_STATUS, {"id": article_id}, protocol=protocol
        ):
            payloads.append(payload)
    return payloads


async def test_subscriber_sees_every_stage_in_order_then_the_result(settings: Settings) -> None:
    # No worker yet: the subscriber is surely in place before the first transition.
    async with running_stack(settings, worker=False) as stack:
        article_id = await _upload_spec(stack)
        subscription = asyncio.create_task(_statuses(stack, article_id))
        await asyncio.sleep(0.3)
        async with running_worker(settings):
            payloads = await subscription
        statuses = [p["data"]["articleStatus"] for p in payloads]
        assert [s["processingStage"] for s in statuses] == STAGES
        versions = [s["version"] for s in statuses]
        assert versions == sorted(versions) and len(set(versions)) == len(versions)
        assert statuses[-1]["processingStatus"] == "COMPLETED"
        assert all(s["processingStatus"] == "PROCESSING" for s in statuses[:-1])
        assert statuses[-1]["processingCompletedAt"] is not None

        article = (await post(stack.http, stack.graphql_url, ARTICLE, id=article_id))["data"]
        article = article["article"]
        assert article["unitWeight"] == 0.42
        assert article["weightExtraction"]["method"] == "rules"
        assert "0.42 kg" in article["weightExtraction"]["evidence"]
        parts = article["costModel"]
        assert sum(Decimal(str(p["part"])) for p in parts) == Decimal("100")
        codes = {p["index"]["code"] for p in parts}
        assert {"STEEL", "FIXED"} <= codes
        assert article["costModelMethod"] == "rules-heuristic"


async def test_subscribing_after_completion_yields_the_final_state_once(
    settings: Settings,
) -> None:
    async with running_stack(settings) as stack:
        article_id = await _upload_spec(stack)
        first = await _statuses(stack, article_id)
        assert first[-1]["data"]["articleStatus"]["processingStatus"] == "COMPLETED"

        late = await _statuses(stack, article_id)
        assert len(late) == 1
        assert late[0]["data"]["articleStatus"] == first[-1]["data"]["articleStatus"]

        legacy = await _statuses(stack, article_id, protocol="graphql-ws")
        assert legacy == late

        polled = await post(
            stack.http,
            stack.graphql_url,
            f"query Q($id: ID!) {{ articleStatus(id: $id) {{ {STATUS_FIELDS} }} }}",
            id=article_id,
        )
        assert polled["data"]["articleStatus"] == late[0]["data"]["articleStatus"]


async def test_uploaded_files_are_stored_byte_for_byte(settings: Settings) -> None:
    drawing = bytes(range(256)) * 40  # binary content must survive untouched
    async with running_stack(settings, worker=False) as stack:
        response = await upload(
            stack.http,
            stack.graphql_url,
            name="Bracket",
            description="  with drawing ",
            spec=("spec.txt", SPEC, "text/plain"),
            drawing=("drawing.pdf", drawing, "application/pdf"),
        )
        article_id = response.json()["data"]["analyzeArticle"]["id"]
        body = await post(
            stack.http,
            stack.graphql_url,
            "query A($id: ID!) { article(id: $id) { description "
            "files { kind filename contentType size sha256 } } }",
            id=article_id,
        )
        article = body["data"]["article"]
        assert article["description"] == "with drawing"
        files = {f["kind"]: f for f in article["files"]}
        assert files["specification"]["sha256"] == hashlib.sha256(SPEC).hexdigest()
        assert files["drawing"] == {
            "kind": "drawing",
            "filename": "drawing.pdf",
            "contentType": "application/pdf",
            "size": len(drawing),
            "sha256": hashlib.sha256(drawing).hexdigest(),
        }
        async with stack.services.sessionmaker() as session:
            stored = await articles.files_by_article(
                session, [uuid.UUID(article_id)], with_content=True
            )
        assert {f.kind: f.content for f in stored[uuid.UUID(article_id)]}["drawing"] == drawing
