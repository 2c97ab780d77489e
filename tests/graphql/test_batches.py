"""analyzeArticles end to end on real servers: uploads nested in `items`, one commit, the
batch's progress stream, the polling query, refusals that store nothing, and fairness
towards another tenant's single upload (the real worker throughout)."""

import asyncio
import itertools
import json
import uuid
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from cost_model_service.auth import keys
from cost_model_service.config import Settings
from tests.graphql_client import (
    PREFLIGHT,
    SUBSCRIBE_BATCH,
    error_codes,
    post,
    subscribe,
    upload,
    upload_batch,
)
from tests.helpers import article_count, changed
from tests.stack import Stack, running_stack, running_worker

pytestmark = pytest.mark.slow

SPECS = Path(__file__).parent.parent / "data" / "specs"
TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".csv": "text/csv",
    ".json": "application/json",
    ".html": "text/html",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
GOOD = sorted(
    p
    for p in SPECS.iterdir()
    if p.suffix in TYPES and p.stat().st_size > 0 and p.name != "labels.json"
)[:16]
# Accepted at upload (not empty, no contradicting type) but unreadable by the analysis.
BAD = [
    ("blank", ("blank.txt", b"  \n\n  \n", "text/plain")),
    ("whitespace", ("spaces.md", b"\t \n", "text/markdown")),
    ("corrupt pdf", ("broken.pdf", b"%PDF-1.4\n1 0 obj garbage", "application/pdf")),
    ("truncated pdf", ("cut.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf")),
]

BATCH_QUERY = """query B($id: ID!) { analysisBatch(id: $id) {
  id status total pending processing completed failed completedAt
  articles(first: 50) { totalCount edges { node { id batchId processingStatus } } } } }"""


SINGLE_ENDED = "query E($id: ID!) { article(id: $id) { processingCompletedAt } }"
BATCH_ENDED = """query E($id: ID!) { analysisBatch(id: $id) {
  articles(first: 50) { edges { node { processingCompletedAt } } } } }"""


async def _completed_at(stack: Stack, query: str, id: str, key: str) -> Any:
    """When the article, or each of the batch's articles, ended (None: not yet)."""
    headers = {**PREFLIGHT, "Authorization": f"Bearer {key}"}
    response = await stack.http.post(
        stack.graphql_url, headers=headers, json={"query": query, "variables": {"id": id}}
    )
    data = response.json()["data"]

    def parse(text: str | None) -> datetime | None:
        return datetime.fromisoformat(text) if text else None

    if "article" in data:
        return parse(data["article"]["processingCompletedAt"])
    edges = data["analysisBatch"]["articles"]["edges"]
    return [parse(edge["node"]["processingCompletedAt"]) for edge in edges]


def _mixed() -> list:
    items = [(path.stem, (path.name, path.read_bytes(), TYPES[path.suffix]), None) for path in GOOD]
    return items + [(name, file, None) for name, file in BAD]


async def _submit(stack: Stack, items: list, headers: dict | None = None) -> dict:
    body = (await upload_batch(stack.http, stack.graphql_url, items, headers=headers)).json()
    assert "errors" not in body, body
    return body["data"]["analyzeArticles"]


async def _follow(stack: Stack, batch_id: str, started: asyncio.Event | None = None) -> list:
    payloads = []
    async with asyncio.timeout(120):
        async for payload in subscribe(stack.ws_url, SUBSCRIBE_BATCH, {"id": batch_id}):
            payloads.append(payload)
            if started is not None:
                started.set()
    return payloads


async def test_a_mixed_batch_completes_and_its_subscriber_sees_each_end_once(
    settings: Settings,
) -> None:
    assert len(GOOD) == 16
    async with running_stack(settings, worker=False) as stack:
        batch = await _submit(stack, _mixed())
        assert (batch["status"], batch["total"], batch["completedAt"]) == ("PROCESSING", 20, None)
        window = settings.batch_window
        assert (batch["processing"], batch["pending"]) == (window, 20 - window)
        # Subscribed before any worker runs: every change is still to come.
        started = asyncio.Event()
        following = asyncio.create_task(_follow(stack, batch["id"], started))
        await asyncio.wait_for(started.wait(), 10)
        async with running_worker(settings):
            payloads = await following
        polled = await post(stack.http, stack.graphql_url, BATCH_QUERY, id=batch["id"])
        late = await _follow(stack, batch["id"])

    events = [p["data"]["analysisBatch"] for p in payloads]
    assert events[0]["article"] is None and events[0]["batch"]["pending"] == 20 - window
    ends = [
        e["article"]
        for e in events[1:]
        if e["article"]["processingStatus"] in ("COMPLETED", "FAILED")
    ]
    assert len(ends) == 20 and len(Counter(a["id"] for a in ends)) == 20  # each exactly once
    failed = {a["id"] for a in ends if a["processingStatus"] == "FAILED"}
    final = events[-1]["batch"]
    assert (final["status"], final["completed"], final["failed"]) == ("COMPLETED", 16, 4)
    assert (final["pending"], final["processing"]) == (0, 0) and final["completedAt"]
    # Counts only move forward, one article at a time.
    done = [e["batch"]["completed"] + e["batch"]["failed"] for e in events]
    assert done == sorted(done) and all(b - a <= 1 for a, b in itertools.pairwise(done))

    answer = polled["data"]["analysisBatch"]
    assert {k: answer[k] for k in final} == final  # the polling query agrees
    nodes = [edge["node"] for edge in answer["articles"]["edges"]]
    assert answer["articles"]["totalCount"] == 20
    assert {n["id"] for n in nodes} == {a["id"] for a in ends}
    assert {n["id"] for n in nodes if n["processingStatus"] == "FAILED"} == failed
    assert {n["batchId"] for n in nodes} == {batch["id"]}
    # A late subscriber gets the final state once.
    assert [p["data"]["analysisBatch"] for p in late] == [{"batch": final, "article": None}]


async def test_refused_batches_store_nothing(settings: Settings) -> None:
    limited = changed(
        settings,
        analyze_rate_limit_count=3,
        analyze_rate_limit_window_seconds=60,
        batch_max_items=3,
        batch_max_bytes=1000,
    )
    spec = ("spec.txt", b"Bracket\nsteel\nNet weight: 0.3 kg\n", "text/plain")
    async with running_stack(limited, worker=False) as stack:
        before = await article_count(stack)

        async def refused(items: list, code: str, message: str) -> dict:
            response = await upload_batch(stack.http, stack.graphql_url, items)
            body = response.json()
            assert error_codes(body) == [code], body
            assert body["errors"][0]["message"].startswith(message), body
            assert await article_count(stack) == before
            return body

        await refused(
            [("ok", spec, None), ("  ", spec, None)],
            "BAD_USER_INPUT",
            "items.1: articleName must not be blank",
        )
        await refused([], "BAD_USER_INPUT", "items must hold at least one article")
        too_many = await refused([("a", spec, None)] * 4, "BAD_USER_INPUT", "at most 3 items")
        assert too_many["errors"][0]["extensions"]["maxItems"] == 3
        files = await refused([("a", spec, spec)] * 4, "BAD_USER_INPUT", "at most 6 files")
        assert files["errors"][0]["extensions"]["maxItems"] == 3  # how to split, as above
        big = ("big.txt", b"Net weight: 1 kg\n" * 40, "text/plain")  # 680 bytes each
        await refused(
            [("a", big, None), ("b", big, None)],
            "PAYLOAD_TOO_LARGE",
            "the files together are larger than the limit of 1000 bytes",
        )
        # A file where no Upload is declared (articleName is a String).
        operations = {
            "query": "mutation B($items: [ArticleUploadInput!]!) { analyzeArticles("
            "items: $items) { id } }",
            "variables": {"items": [{"articleName": None, "productSpecification": None}]},
        }
        response = await stack.http.post(
            stack.graphql_url,
            headers=PREFLIGHT,
            files={"0": spec},
            data={
                "operations": json.dumps(operations),
                "map": json.dumps(
                    {
                        "0": [
                            "variables.items.0.articleName",
                            "variables.items.0.productSpecification",
                        ]
                    }
                ),
            },
        )
        assert error_codes(response.json()) == ["BAD_USER_INPUT"]
        assert await article_count(stack) == before
        # The rate limit counts articles: three pass, then a batch of two is refused whole.
        assert (await _submit(stack, [("a", spec, None)] * 3))["total"] == 3
        before += 3
        body = await refused(
            [("b", spec, None)] * 2,
            "RATE_LIMITED",
            "analyzeArticle is limited to 3 calls per 60 s (articles; this batch has 2)",
        )
        assert body["errors"][0]["extensions"]["retryAfterSeconds"] > 0


async def test_a_long_batch_does_not_starve_another_tenants_single_upload(
    settings: Settings,
) -> None:
    # Two jobs at a time, two of a batch's articles queued at a time.
    fair = changed(settings, auth_required=True, batch_window=2, worker_max_jobs=2)
    async with running_stack(fair, worker=False) as stack:
        async with stack.services.sessionmaker() as session:
            _, key_a = await keys.create_key(session, f"batcher-{uuid.uuid4().hex[:6]}")
            _, key_b = await keys.create_key(session, f"single-{uuid.uuid4().hex[:6]}")
            await session.commit()
        spec = ("spec.txt", b"Angle bracket\nsteel S235\nNet weight: 0.42 kg\n", "text/plain")
        as_a = {**PREFLIGHT, "Authorization": f"Bearer {key_a}"}
        batch = await _submit(stack, [(f"part {n}", spec, None) for n in range(12)], as_a)
        single = (
            await upload(
                stack.http,
                stack.graphql_url,
                name="urgent",
                spec=spec,
                headers={**PREFLIGHT, "Authorization": f"Bearer {key_b}"},
            )
        ).json()
        single_id = single["data"]["analyzeArticle"]["id"]
        async with running_worker(fair):
            async with asyncio.timeout(60):
                while True:  # polled over HTTP as tenant B, until its article has ended
                    status = await stack.http.post(
                        stack.graphql_url,
                        headers={**PREFLIGHT, "Authorization": f"Bearer {key_b}"},
                        json={
                            "query": "query S($id: ID!) { articleStatus(id: $id) { "
                            "processingStatus } }",
                            "variables": {"id": single_id},
                        },
                    )
                    if status.json()["data"]["articleStatus"]["processingStatus"] != "PROCESSING":
                        break
                    await asyncio.sleep(0.05)
            single_end = await _completed_at(stack, SINGLE_ENDED, single_id, key_b)
            batch_ends = await _completed_at(stack, BATCH_ENDED, batch["id"], key_a)
    # Compared by the times PostgreSQL recorded, not by what a poll saw (on a quick machine
    # more of the batch ends between the single's end and the next poll). Enqueued whole,
    # the batch's twelve jobs would all have run before the single upload.
    before_single = [end for end in batch_ends if end is not None and end < single_end]
    assert len(before_single) <= 2 * fair.batch_window, (single_end, batch_ends)
