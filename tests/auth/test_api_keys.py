"""API keys end to end: created once by the CLI, stored as a hash, required when auth is on,
revocable; and every tenant sees only its own articles, over HTTP and WebSocket."""

import asyncio
import hashlib
import json
import uuid

import pytest
import websockets
from sqlalchemy import text

from cost_model_service.cli import main
from cost_model_service.config import Settings
from tests.graphql_client import SUBSCRIBE_STATUS, error_codes, upload
from tests.helpers import changed
from tests.stack import Stack, running_stack

# Real processes (uvicorn, arq, subprocesses): not in the fast tier, `pytest -m "not slow"`.
pytestmark = pytest.mark.slow

SPEC = ("spec.txt", b"Bracket\nsteel\nNet weight: 0.3 kg\n", "text/plain")


async def cms(*argv: str) -> int:
    """The real `cms` command (it runs its own event loop, hence the thread)."""
    return await asyncio.to_thread(main, list(argv))


async def create_key(
    settings: Settings,
    tenant: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> str:
    monkeypatch.setenv("CMS_DATABASE_URL", settings.database_url or "")
    assert await cms("api-key", "create", "--tenant", tenant, "--label", "test") == 0
    key = capsys.readouterr().out.splitlines()[0]
    assert key.startswith("cms_")
    return key


@pytest.fixture
async def secured(settings: Settings):
    async with running_stack(changed(settings, auth_required=True), worker=False) as stack:
        yield stack


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def gql(stack: Stack, query: str, key: str | None, **variables: object) -> dict:
    headers = bearer(key) if key else {}
    response = await stack.http.post(
        stack.graphql_url, headers=headers, json={"query": query, "variables": variables}
    )
    return response.json()


async def test_keys_are_shown_once_and_stored_as_hashes(
    secured: Stack, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key = await create_key(secured.settings, f"acme-{uuid.uuid4().hex[:6]}", capsys, monkeypatch)
    async with secured.services.sessionmaker() as session:
        rows = (await session.exec(text("SELECT prefix, key_hash FROM api_key"))).all()
    assert (key[:12], hashlib.sha256(key.encode()).hexdigest()) in rows
    assert not any(key in prefix or key in key_hash for prefix, key_hash in rows)


async def test_authentication_is_required_and_revocation_works(
    secured: Stack, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    query = "{ costIndices { code } }"
    missing = await secured.http.post(secured.graphql_url, json={"query": query})
    assert missing.status_code == 401
    assert error_codes(missing.json()) == ["UNAUTHENTICATED"]
    assert error_codes(await gql(secured, query, "cms_nope_123")) == ["UNAUTHENTICATED"]
    garbled = await secured.http.post(
        secured.graphql_url, json={"query": query}, headers={"Authorization": "Basic abc"}
    )
    assert error_codes(garbled.json()) == ["UNAUTHENTICATED"]

    key = await create_key(secured.settings, f"acme-{uuid.uuid4().hex[:6]}", capsys, monkeypatch)
    assert "errors" not in await gql(secured, query, key)

    prefix = "_".join(key.split("_")[:2])  # "cms_<8 hex>"
    assert await cms("api-key", "revoke", prefix) == 0
    assert error_codes(await gql(secured, query, key)) == ["UNAUTHENTICATED"]
    # The GraphiQL page itself stays reachable; it sends the key with each operation.
    page = await secured.http.get(secured.graphql_url, headers={"Accept": "text/html"})
    assert page.status_code == 200


async def test_tenants_see_only_their_own_articles(
    secured: Stack, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = await create_key(secured.settings, f"alice-{uuid.uuid4().hex[:6]}", capsys, monkeypatch)
    bob = await create_key(secured.settings, f"bob-{uuid.uuid4().hex[:6]}", capsys, monkeypatch)
    response = await upload(
        secured.http,
        secured.graphql_url,
        name="Alice's bracket",
        spec=SPEC,
        headers={"Apollo-Require-Preflight": "1", **bearer(alice)},
    )
    article_id = response.json()["data"]["analyzeArticle"]["id"]

    one = "query A($id: ID!) { article(id: $id) { articleName } }"
    assert (await gql(secured, one, alice, id=article_id))["data"]["article"]["articleName"]
    for query in (one, "query S($id: ID!) { articleStatus(id: $id) { version } }"):
        body = await gql(secured, query, bob, id=article_id)
        assert error_codes(body) == ["NOT_FOUND"]
        assert "not found" in body["errors"][0]["message"]
    again = "mutation R($id: ID!) { reanalyzeArticle(id: $id) { id } }"
    assert error_codes(await gql(secured, again, bob, id=article_id)) == ["NOT_FOUND"]

    listing = "{ articles(first: 100) { edges { node { id } } } }"
    ids = lambda body: {e["node"]["id"] for e in body["data"]["articles"]["edges"]}  # noqa: E731
    assert article_id in ids(await gql(secured, listing, alice))
    assert article_id not in ids(await gql(secured, listing, bob))

    # WebSocket: the key travels in connection_init, as Apollo's connectionParams send it.
    async def first_payload(key: str) -> dict:
        """The first answer to the subscription: data, or errors (an "error" message)."""
        async with websockets.connect(secured.ws_url, subprotocols=["graphql-transport-ws"]) as ws:
            await ws.send(
                json.dumps(
                    {"type": "connection_init", "payload": {"authorization": f"Bearer {key}"}}
                )
            )
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            await ws.send(
                json.dumps(
                    {
                        "id": "1",
                        "type": "subscribe",
                        "payload": {"query": SUBSCRIBE_STATUS, "variables": {"id": article_id}},
                    }
                )
            )
            payload = json.loads(await ws.recv())["payload"]
            return {"errors": payload} if isinstance(payload, list) else payload

    assert (await first_payload(alice))["data"]["articleStatus"]["id"] == article_id
    assert error_codes(await first_payload(bob)) == ["NOT_FOUND"]


@pytest.mark.parametrize("protocol", ["graphql-transport-ws", "graphql-ws"])
async def test_websocket_without_credentials_is_refused_before_any_subscription(
    secured: Stack, protocol: str
) -> None:
    async with websockets.connect(secured.ws_url, subprotocols=[protocol]) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        if protocol == "graphql-ws":
            message = json.loads(await ws.recv())
            assert message["type"] == "connection_error"
            assert message["payload"]["extensions"]["code"] == "UNAUTHENTICATED"
        with pytest.raises(websockets.ConnectionClosed) as closed:
            while True:
                assert json.loads(await ws.recv())["type"] != "connection_ack"
    if protocol == "graphql-transport-ws":
        assert closed.value.rcvd.code == 4403


async def test_a_revoked_key_starts_no_new_subscription_on_an_open_connection(
    secured: Stack, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key = await create_key(secured.settings, f"carol-{uuid.uuid4().hex[:6]}", capsys, monkeypatch)
    response = await upload(
        secured.http,
        secured.graphql_url,
        name="Carol's bracket",
        spec=SPEC,
        headers={"Apollo-Require-Preflight": "1", **bearer(key)},
    )
    article_id = response.json()["data"]["analyzeArticle"]["id"]
    async with websockets.connect(secured.ws_url, subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {key}"}})
        )
        assert json.loads(await ws.recv())["type"] == "connection_ack"

        async def first_payload(operation_id: str) -> dict:
            await ws.send(
                json.dumps(
                    {
                        "id": operation_id,
                        "type": "subscribe",
                        "payload": {"query": SUBSCRIBE_STATUS, "variables": {"id": article_id}},
                    }
                )
            )
            payload = json.loads(await ws.recv())["payload"]
            return {"errors": payload} if isinstance(payload, list) else payload

        assert (await first_payload("1"))["data"]["articleStatus"]["id"] == article_id
        assert await cms("api-key", "revoke", "_".join(key.split("_")[:2])) == 0
        refused = await first_payload("2")
        assert error_codes(refused) == ["UNAUTHENTICATED"]
        assert refused["errors"][0]["message"] == "unknown or revoked API key"
