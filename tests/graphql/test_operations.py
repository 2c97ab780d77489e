"""Ordinary documents that used to fail: several root fields (and aliases, and nested
DataLoaders) in one operation, on HTTP and on one WebSocket at once; a subscription sent
over HTTP; and WebSockets that kept a database connection between operations."""

import asyncio
import json

import pytest

from cost_model_service.config import Settings
from tests.graphql_client import post, upload, ws_open, ws_operation
from tests.stack import Stack, running_stack

pytestmark = pytest.mark.slow

SPEC = ("spec.txt", b"Bracket\nsteel\nNet weight: 0.3 kg\n", "text/plain")
SUBSCRIPTION = 'subscription { articleStatus(id: "%s") { version } }'


@pytest.fixture
async def stack(settings: Settings):
    async with running_stack(settings, worker=False) as stack:
        yield stack


async def _articles(stack: Stack, count: int) -> list[str]:
    ids = []
    for n in range(count):
        response = await upload(stack.http, stack.graphql_url, name=f"Bracket {n}", spec=SPEC)
        ids.append(response.json()["data"]["analyzeArticle"]["id"])
    return ids


def _many_fields(ids: list[str]) -> str:
    """Every root field, several aliased articleStatus and article fields, and both
    DataLoaders nested under a list and under single articles: 13 aliases (limit 15)."""
    statuses = " ".join(
        f's{n}: articleStatus(id: "{i}") {{ id version }}' for n, i in enumerate(ids)
    )
    articles = " ".join(
        f'a{n}: article(id: "{i}") {{ id files {{ filename }} costModel {{ part }} }}'
        for n, i in enumerate(ids)
    )
    return (
        f"{{ costIndices {{ code }} articles(first: 10) {{ edges {{ cursor node {{ id "
        f"files {{ filename size }} costModel {{ part index {{ code }} }} }} }} }} "
        f"{statuses} {articles} }}"
    )


def _check(data: dict, ids: list[str]) -> None:
    assert len(data["costIndices"]) > 5
    listed = [edge["node"] for edge in data["articles"]["edges"]]
    assert {node["id"] for node in listed} >= set(ids)
    # The list also holds other tests' newest articles (one database): the loaders must
    # fill every node's files, and ours must be the ones uploaded here.
    assert all(node["files"] for node in listed)
    assert all(node["files"][0]["filename"] == "spec.txt" for node in listed if node["id"] in ids)
    for n, article_id in enumerate(ids):
        assert data[f"s{n}"] == {"id": article_id, "version": 1}
        assert data[f"a{n}"]["files"] == [{"filename": "spec.txt"}]


async def test_many_root_fields_aliases_and_loaders_share_one_session(stack: Stack) -> None:
    ids = await _articles(stack, 6)
    query = _many_fields(ids)
    # Five at once as well: each request has its own session, each session one user.
    bodies = await asyncio.gather(*(post(stack.http, stack.graphql_url, query) for _ in range(5)))
    for body in bodies:
        assert "errors" not in body, body
        _check(body["data"], ids)
    pool = stack.services.sessionmaker.kw["bind"].pool
    assert pool.checkedout() == 0  # every request's session was closed


@pytest.mark.parametrize("protocol", ["graphql-transport-ws", "graphql-ws"])
async def test_concurrent_operations_on_one_websocket(stack: Stack, protocol: str) -> None:
    ids = await _articles(stack, 3)
    ws = await ws_open(stack.ws_url, protocol)
    try:
        # Several operations in flight on one socket (strawberry hands them all the one
        # context made at connection time): sent together, answered together.
        start = "start" if protocol == "graphql-ws" else "subscribe"
        for n in range(4):
            await ws.send(
                json.dumps({"id": f"c{n}", "type": start, "payload": {"query": _many_fields(ids)}})
            )
        answers: dict[str, dict] = {}
        async with asyncio.timeout(20):
            while len(answers) < 4:
                message = json.loads(await ws.recv())
                if message["type"] in ("next", "data", "error"):
                    answers[message["id"]] = message["payload"]
        for payload in answers.values():
            assert "errors" not in payload, payload
            _check(payload["data"], ids)
    finally:
        await ws.close()


async def test_idle_websockets_hold_no_database_connection(stack: Stack) -> None:
    """Each socket's operations used to share one session that was never closed: a socket
    that had run one query kept a pooled connection, and 15 such sockets (the pool and its
    overflow) stalled every HTTP request for the pool timeout."""
    pool = stack.services.sessionmaker.kw["bind"].pool
    sockets = [await ws_open(stack.ws_url) for _ in range(16)]
    try:
        for ws in sockets:
            [answer] = await ws_operation(
                ws, "graphql-transport-ws", "1", "{ costIndices { code } }"
            )
            assert "errors" not in answer
        assert pool.checkedout() == 0
        async with asyncio.timeout(5):
            body = await post(stack.http, stack.graphql_url, "{ costIndices { code } }")
        assert "errors" not in body
    finally:
        for ws in sockets:
            await ws.close()


@pytest.mark.parametrize("method", ["POST", "GET"])
async def test_a_subscription_over_http_is_a_bad_request(stack: Stack, method: str) -> None:
    [article_id] = await _articles(stack, 1)
    query = SUBSCRIPTION % article_id
    if method == "POST":
        response = await stack.http.post(stack.graphql_url, json={"query": query})
    else:
        response = await stack.http.get(stack.graphql_url, params={"query": query})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert "WebSocket" in error["message"]
    assert stack.services.broadcaster.subscriber_count() == 0
    # The same document over the WebSocket endpoint works.
    ws = await ws_open(stack.ws_url)
    try:
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        first = json.loads(await ws.recv())["payload"]
        assert first["data"]["articleStatus"]["version"] == 1
    finally:
        await ws.close()
