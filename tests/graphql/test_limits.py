"""Request limits (depth, tokens, aliases), introspection and GraphiQL toggles, and masked
internal errors that carry a request id the log also has."""

import logging
import time

import httpx
import jwt
import pytest
from strawberry.extensions import SchemaExtension

from cost_model_service.config import Settings
from cost_model_service.cost_indices import service as cost_indices
from cost_model_service.graphql.request_id import RequestIdMiddleware
from cost_model_service.graphql.schema import build_schema
from tests.graphql_client import error_codes, post
from tests.helpers import changed
from tests.stack import Stack, running_stack

# Real processes (uvicorn, arq, subprocesses): not in the fast tier, `pytest -m "not slow"`.
pytestmark = pytest.mark.slow

DEEPEST = "{ articles { edges { node { costModel { index { code } } } } } }"  # depth 5
INTROSPECTION = "{ __schema { queryType { name } } }"
SECRET = "s" * 32


@pytest.fixture
async def limited(settings: Settings):
    tight = changed(settings, graphql_max_depth=5, graphql_max_tokens=60, graphql_max_aliases=2)
    async with running_stack(tight, worker=False) as stack:
        yield stack


@pytest.fixture
async def production(settings: Settings):
    prod = changed(settings, environment="production", jwt_secret=SECRET, jwt_audience="cms")
    async with running_stack(prod, worker=False) as stack:
        claims = {"exp": int(time.time()) + 300, "aud": "cms", "tenant": "limits-test"}
        stack.http.headers["Authorization"] = f"Bearer {jwt.encode(claims, SECRET, 'HS256')}"
        yield stack


def _nested(depth: int) -> str:
    """A document `depth` levels deep (its fields do not exist: depth is checked first)."""
    return "{ " + "a { " * depth + "b" + " }" * (depth + 1)


async def test_the_deepest_legitimate_query_passes_and_one_level_more_does_not(
    limited: Stack,
) -> None:
    assert "errors" not in await post(limited.http, limited.graphql_url, DEEPEST)
    deeper = DEEPEST.replace("{ code }", "{ code x { y } }")
    body = await post(limited.http, limited.graphql_url, deeper)
    assert "exceeds maximum operation depth of 5" in body["errors"][0]["message"]
    assert set(error_codes(body)) == {"GRAPHQL_VALIDATION_FAILED"}


async def test_default_depth_admits_the_schema_and_stops_deep_documents(stack: Stack) -> None:
    assert "errors" not in await post(stack.http, stack.graphql_url, DEEPEST)
    body = await post(stack.http, stack.graphql_url, _nested(11))
    assert any("maximum operation depth of 10" in e["message"] for e in body["errors"])
    assert set(error_codes(body)) == {"GRAPHQL_VALIDATION_FAILED"}


async def test_too_many_tokens_are_refused_before_validation(limited: Stack) -> None:
    body = await post(limited.http, limited.graphql_url, "{ " + "__typename " * 61 + "}")
    assert error_codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "more than 60 tokens" in body["errors"][0]["message"]
    # Absurd nesting is stopped by the parser, not by a recursion error.
    response = await limited.http.post(limited.graphql_url, json={"query": _nested(5000)})
    assert response.status_code == 200
    assert error_codes(response.json()) == ["GRAPHQL_VALIDATION_FAILED"]


async def test_aliases_are_counted(limited: Stack) -> None:
    two = "{ a: __typename b: __typename }"
    assert "errors" not in await post(limited.http, limited.graphql_url, two)
    body = await post(
        limited.http, limited.graphql_url, "{ a: __typename b: __typename c: __typename }"
    )
    assert error_codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert body["errors"][0]["message"] == "3 aliases found. Allowed: 2"


async def test_a_spread_of_an_unknown_fragment_is_a_validation_error(stack: Stack) -> None:
    # strawberry's depth rule raised KeyError here, answered unmasked and without a code.
    body = await post(stack.http, stack.graphql_url, "{ ...Missing }")
    assert error_codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert body["errors"][0]["message"] == "Unknown fragment 'Missing'."


async def test_introspection_and_graphiql_are_on_outside_production(stack: Stack) -> None:
    body = await post(stack.http, stack.graphql_url, INTROSPECTION)
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"
    page = await stack.http.get(stack.graphql_url, headers={"Accept": "text/html"})
    assert "graphiql" in page.text.lower()


async def test_production_turns_off_introspection_graphiql_and_suggestions(
    production: Stack,
) -> None:
    body = await post(production.http, production.graphql_url, INTROSPECTION)
    assert set(error_codes(body)) == {"GRAPHQL_VALIDATION_FAILED"}
    assert "introspection has been disabled" in body["errors"][0]["message"]
    assert body.get("data") is None
    assert "errors" not in await post(production.http, production.graphql_url, "{ __typename }")
    page = await production.http.get(production.graphql_url, headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert "graphiql" not in page.text.lower()
    typo = await post(production.http, production.graphql_url, "{ artcles { id } }")
    assert typo["errors"][0]["message"] == "Cannot query field 'artcles' on type 'Query'."


async def test_the_toggles_override_the_environment(settings: Settings) -> None:
    closed = changed(settings, graphql_introspection=False, graphiql=False)
    async with running_stack(closed, worker=False) as stack:
        body = await post(stack.http, stack.graphql_url, INTROSPECTION)
        assert set(error_codes(body)) == {"GRAPHQL_VALIDATION_FAILED"}
        page = await stack.http.get(stack.graphql_url, headers={"Accept": "text/html"})
        assert page.status_code == 404
        typo = await post(stack.http, stack.graphql_url, "{ artcles { id } }")
        assert "Did you mean" not in typo["errors"][0]["message"]
    assert Settings(
        _env_file=None,
        environment="production",  # type: ignore[call-arg]
        graphql_introspection=True,
    ).introspection_enabled


async def test_an_internal_error_is_masked_and_names_the_request_id_in_the_log(
    production: Stack, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(session: object) -> list:
        raise RuntimeError("password=hunter2 in /srv/secret.py")

    monkeypatch.setattr(cost_indices, "list_all", broken)
    with caplog.at_level(logging.ERROR):
        response = await production.http.post(
            production.graphql_url,
            json={"query": "{ costIndices { code } }"},
            headers={"X-Request-ID": "req-4711"},
        )
    assert response.headers["x-request-id"] == "req-4711"
    assert "hunter2" not in response.text and "Traceback" not in response.text
    error = response.json()["errors"][0]
    assert error["message"] == "Internal server error"
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-4711"}
    logged = [r for r in caplog.records if "req-4711" in r.getMessage()]
    assert logged and "hunter2" in str(logged[0].exc_info[1])  # type: ignore[index]


async def test_an_exception_escaping_validation_is_still_masked(settings: Settings) -> None:
    """strawberry skips extensions' after-hooks (so ErrorCodes) when validation raises."""

    class Exploding(SchemaExtension):
        def on_validate(self):  # type: ignore[no-untyped-def]
            raise RuntimeError("secret detail")
            yield

    schema = build_schema(settings)
    schema.extensions = [*schema.extensions, Exploding]
    result = await schema.execute("{ __typename }")
    assert [(e.message, e.extensions) for e in result.errors or []] == [
        ("Internal server error", {"code": "INTERNAL_SERVER_ERROR"})
    ]
    stream = await schema.subscribe('subscription { articleStatus(id: "x") { id } }')
    first = await anext(stream)  # type: ignore[arg-type]
    assert [e.message for e in first.errors] == ["Internal server error"]


async def test_request_ids_are_kept_when_sane_and_made_otherwise(stack: Stack) -> None:
    health = f"{stack.base_url}/health"
    made = (await stack.http.get(health)).headers["x-request-id"]
    assert len(made) == 32 and made != (await stack.http.get(health)).headers["x-request-id"]
    for insane in ("has space", "x" * 200, "a\tb", "ünïcode"):
        got = (await stack.http.get(health, headers={"X-Request-ID": insane.encode()})).headers
        assert got["x-request-id"] != insane and len(got["x-request-id"]) == 32
    refused = await stack.http.post(
        stack.graphql_url,
        content=b"x",
        headers={"Content-Type": "text/plain", "X-Request-ID": "csrf-1"},
    )
    assert refused.status_code == 400 and refused.headers["x-request-id"] == "csrf-1"


async def test_an_exception_escaping_the_app_is_answered_masked_with_the_id() -> None:
    async def crashing(scope: object, receive: object, send: object) -> None:
        raise RuntimeError("secret detail")

    transport = httpx.ASGITransport(app=RequestIdMiddleware(crashing))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/", headers={"X-Request-ID": "boom-1"})
    assert response.status_code == 500
    assert response.json()["errors"][0]["extensions"] == {
        "code": "INTERNAL_SERVER_ERROR",
        "requestId": "boom-1",
    }
    assert "secret" not in response.text
