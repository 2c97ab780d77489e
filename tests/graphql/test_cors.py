"""CMS_CORS_ORIGINS: browser pages on listed origins may call the API over HTTP (CORS) and
open its WebSocket; other origins get no CORS headers and are refused on the socket."""

import json

import pytest
import websockets
from websockets.exceptions import InvalidStatus

from cost_model_service.app import create_app
from cost_model_service.config import Settings
from cost_model_service.graphql.cors import InvalidCorsOrigins
from tests.helpers import changed
from tests.stack import Stack, running_stack

pytestmark = pytest.mark.slow

FRONTEND = "http://localhost:5173"
OTHER = "https://evil.example"
CATALOGUE = {"query": "{ costIndices { code } }"}
APOLLO_HEADERS = (
    "content-type,authorization,apollo-require-preflight,x-apollo-operation-name,x-request-id"
)


async def _preflight(stack: Stack, origin: str, headers: str = APOLLO_HEADERS):
    return await stack.http.options(
        stack.graphql_url,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": headers,
        },
    )


async def _ws_handshake(stack: Stack, origin: str | None) -> None:
    """Opens a graphql-transport-ws connection from a page on `origin` and inits it."""
    async with websockets.connect(
        stack.ws_url, subprotocols=["graphql-transport-ws"], origin=origin
    ) as ws:  # type: ignore[arg-type]
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"


async def test_listed_origin_may_call_and_subscribe_others_may_not(settings: Settings) -> None:
    configured = changed(settings, cors_origins=["HTTP://LocalHost:5173/", "https://app.example"])
    async with running_stack(configured, worker=False) as stack:
        allowed = await _preflight(stack, FRONTEND)
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == FRONTEND
        assert allowed.headers["access-control-allow-credentials"] == "true"
        assert set(allowed.headers["access-control-allow-methods"].split(", ")) == {
            "GET",
            "POST",
            "OPTIONS",
        }
        assert set(APOLLO_HEADERS.split(",")) <= {
            h.strip().lower() for h in allowed.headers["access-control-allow-headers"].split(",")
        }

        actual = await stack.http.post(
            stack.graphql_url, json=CATALOGUE, headers={"Origin": FRONTEND}
        )
        assert actual.status_code == 200 and "errors" not in actual.json()
        assert actual.headers["access-control-allow-origin"] == FRONTEND
        assert actual.headers["access-control-expose-headers"] == "X-Request-ID"
        assert actual.headers["x-request-id"]
        # A refusal from the guards in front of GraphQL is readable by the page too.
        refused = await stack.http.post(
            stack.graphql_url, data={"operations": "{}"}, headers={"Origin": FRONTEND}
        )
        assert refused.status_code == 400
        assert refused.headers["access-control-allow-origin"] == FRONTEND

        unlisted = await _preflight(stack, OTHER)
        assert unlisted.status_code == 400
        assert "access-control-allow-origin" not in unlisted.headers
        plain = await stack.http.post(stack.graphql_url, json=CATALOGUE, headers={"Origin": OTHER})
        # Browsers enforce Allow-Origin; Starlette's fixed expose/credentials headers that
        # it adds anyway grant nothing without it.
        assert "access-control-allow-origin" not in plain.headers
        # A header Apollo does not send is not allowed either.
        odd = await _preflight(stack, FRONTEND, "x-something-else")
        assert odd.status_code == 400

        await _ws_handshake(stack, FRONTEND)
        await _ws_handshake(stack, None)  # not a browser: no Origin, nothing to protect
        await _ws_handshake(stack, stack.base_url)  # GraphiQL on the API's own origin
        with pytest.raises(InvalidStatus) as refused_ws:
            await _ws_handshake(stack, OTHER)
        assert refused_ws.value.response.status_code == 403


async def test_unset_means_same_origin_only(settings: Settings) -> None:
    async with running_stack(settings, worker=False) as stack:
        preflight = await _preflight(stack, FRONTEND)
        assert "access-control-allow-origin" not in preflight.headers
        await _ws_handshake(stack, stack.base_url)
        with pytest.raises(InvalidStatus):
            await _ws_handshake(stack, FRONTEND)


async def test_any_origin_outside_production_without_credentials(settings: Settings) -> None:
    async with running_stack(changed(settings, cors_origins="*"), worker=False) as stack:
        preflight = await _preflight(stack, OTHER)
        assert preflight.headers["access-control-allow-origin"] == "*"
        assert "access-control-allow-credentials" not in preflight.headers
        await _ws_handshake(stack, OTHER)


@pytest.mark.parametrize(
    ("origins", "message"),
    [
        ("*", "refused with CMS_ENVIRONMENT=production"),
        ("localhost:5173", "Invalid origin"),
        ("https://app.example/path", "Invalid origin"),
        ("*,https://app.example", "list no others"),
    ],
)
def test_bad_settings_stop_the_start(settings: Settings, origins: str, message: str) -> None:
    production = changed(settings, environment="production", cors_origins=origins)
    with pytest.raises(InvalidCorsOrigins, match=message) as error:
        create_app(production)
    assert "CMS_CORS_ORIGINS" in str(error.value)


def test_comma_separated_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CMS_CORS_ORIGINS", " http://localhost:5173 , https://app.example,")
    assert Settings(_env_file=None).cors_origins == [  # type: ignore[call-arg]
        "http://localhost:5173",
        "https://app.example",
    ]


def test_a_json_array_from_the_environment_too(monkeypatch: pytest.MonkeyPatch) -> None:
    for value, expected in (("[]", []), ('["http://localhost:5173"]', ["http://localhost:5173"])):
        monkeypatch.setenv("CMS_CORS_ORIGINS", value)
        assert Settings(_env_file=None).cors_origins == expected  # type: ignore[call-arg]
