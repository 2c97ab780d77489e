"""Automatic persisted queries as Apollo's PersistedQueryLink speaks them: a hash alone,
PERSISTED_QUERY_NOT_FOUND, the query with its hash, then the hash alone (POST or GET)."""

import contextlib
import hashlib
import json

import pytest
from redis.asyncio import Redis
from strawberry.http import GraphQLRequestData

from cost_model_service.config import Settings
from cost_model_service.graphql.persisted_queries import PersistedQueries, PersistedQueryError
from tests.helpers import changed
from tests.stack import Stack, running_api, running_stack

pytestmark = pytest.mark.slow

QUERY = "query Catalogue { costIndices { code } }"
HASH = hashlib.sha256(QUERY.encode()).hexdigest()


def _persisted(digest: str = HASH, version: int = 1) -> dict:
    return {"persistedQuery": {"version": version, "sha256Hash": digest}}


async def _post(stack: Stack, body: dict) -> tuple[int, dict, str | None]:
    response = await stack.http.post(stack.graphql_url, json=body)
    return response.status_code, response.json(), response.headers.get("cache-control")


async def _get(stack: Stack, digest: str = HASH) -> dict:
    # As the link sends it with useGETForHashedQueries: no query, JSON in the parameters.
    response = await stack.http.get(
        stack.graphql_url,
        params={"operationName": "Catalogue", "extensions": json.dumps(_persisted(digest))},
        headers={"Accept": "*/*"},
    )
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def _code(body: dict) -> str:
    return body["errors"][0]["extensions"]["code"]


async def test_hash_then_query_then_hash_by_post_and_get(settings: Settings) -> None:
    async with running_stack(settings, worker=False) as stack:
        status, body, cache_control = await _post(stack, {"extensions": _persisted()})
        assert (status, _code(body)) == (200, "PERSISTED_QUERY_NOT_FOUND")
        assert body["errors"][0]["message"] == "PersistedQueryNotFound"
        assert cache_control and "no-cache" in cache_control
        assert _code(await _get(stack)) == "PERSISTED_QUERY_NOT_FOUND"

        status, body, _ = await _post(stack, {"query": QUERY, "extensions": _persisted()})
        assert status == 200 and body["data"]["costIndices"]

        status, cached, _ = await _post(stack, {"extensions": _persisted()})
        assert cached == body
        assert await _get(stack) == body

        redis = Redis.from_url(settings.redis_url or "")
        try:
            key = f"{settings.redis_prefix}:apq:{HASH}"
            assert await redis.get(key) == QUERY.encode()
            assert 0 < await redis.ttl(key) <= settings.apq_ttl_seconds
        finally:
            await redis.aclose()


async def test_shared_by_replicas(settings: Settings) -> None:
    async with contextlib.AsyncExitStack() as stacks:
        first = await stacks.enter_async_context(running_stack(settings, worker=False))
        _, other_url = await stacks.enter_async_context(running_api(settings))
        await _post(first, {"query": QUERY, "extensions": _persisted()})
        response = await first.http.post(f"{other_url}/graphql", json={"extensions": _persisted()})
        assert response.json()["data"]["costIndices"]


async def test_never_stored_under_a_hash_not_its_own_nor_when_invalid(settings: Settings) -> None:
    other = hashlib.sha256(b"{ costIndices { name } }").hexdigest()
    async with running_stack(settings, worker=False) as stack:
        status, body, _ = await _post(stack, {"query": QUERY, "extensions": _persisted(other)})
        assert (status, _code(body)) == (400, "BAD_REQUEST")
        assert "does not match" in body["errors"][0]["message"]
        assert (
            _code((await _post(stack, {"extensions": _persisted(other)}))[1])
            == "PERSISTED_QUERY_NOT_FOUND"
        )

        invalid = "{ costIndices { noSuchField } }"
        digest = hashlib.sha256(invalid.encode()).hexdigest()
        _, body, _ = await _post(stack, {"query": invalid, "extensions": _persisted(digest)})
        assert _code(body) == "GRAPHQL_VALIDATION_FAILED"
        assert (
            _code((await _post(stack, {"extensions": _persisted(digest)}))[1])
            == "PERSISTED_QUERY_NOT_FOUND"
        )

        for extensions in (_persisted(version=2), _persisted("XYZ"), {"persistedQuery": "abc"}):
            status, body, _ = await _post(stack, {"extensions": extensions})
            assert (status, _code(body)) == (400, "BAD_REQUEST"), extensions


async def test_switched_off_answers_not_supported(settings: Settings) -> None:
    async with running_stack(changed(settings, apq_ttl_seconds=0), worker=False) as stack:
        _, body, _ = await _post(stack, {"query": QUERY, "extensions": _persisted()})
        assert body["errors"][0]["message"] == "PersistedQueryNotSupported"
        assert _code(body) == "PERSISTED_QUERY_NOT_SUPPORTED"
        # Without the extension (what the link sends once it switched itself off): served.
        _, body, _ = await _post(stack, {"query": QUERY})
        assert body["data"]["costIndices"]


async def test_redis_unreachable_means_miss_and_no_store() -> None:
    """The fallback (sending the query) keeps working while Redis is away."""
    dead = Redis(host="127.0.0.1", port=1, socket_connect_timeout=1)
    queries = PersistedQueries(dead, "cmstest", ttl_seconds=60)
    try:
        hashed = GraphQLRequestData(
            query=None, variables=None, operation_name=None, extensions=_persisted()
        )
        with pytest.raises(PersistedQueryError) as missing:
            await queries.resolve(hashed)
        assert missing.value.code == "PERSISTED_QUERY_NOT_FOUND"
        full = GraphQLRequestData(
            query=QUERY, variables=None, operation_name=None, extensions=_persisted()
        )
        assert await queries.resolve(full) == (full, HASH)
        await queries.remember(HASH, QUERY)  # logged, not raised
    finally:
        await dead.aclose()
