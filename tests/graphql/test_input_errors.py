"""Bad input gets a clear error with a code, and nothing is stored."""

import httpx
import pytest

from tests.graphql_client import ANALYZE, error_codes, post, upload
from tests.helpers import article_count
from tests.stack import Stack

# Real processes (uvicorn, arq, subprocesses): not in the fast tier, `pytest -m "not slow"`.
pytestmark = pytest.mark.slow


async def test_empty_specification_is_refused(stack: Stack) -> None:
    before = await article_count(stack)
    response = await upload(
        stack.http, stack.graphql_url, name="X", spec=("empty.txt", b"", "text/plain")
    )
    body = response.json()
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert "productSpecification is empty" in body["errors"][0]["message"]
    assert await article_count(stack) == before


async def test_blank_name_is_refused(stack: Stack) -> None:
    before = await article_count(stack)
    response = await upload(
        stack.http, stack.graphql_url, name="   ", spec=("a.txt", b"Weight: 1 kg", "text/plain")
    )
    body = response.json()
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert "articleName" in body["errors"][0]["message"]
    assert await article_count(stack) == before


async def test_missing_specification_is_refused(stack: Stack) -> None:
    before = await article_count(stack)
    response = await upload(stack.http, stack.graphql_url, name="X", spec=None)
    body = response.json()
    assert body["errors"], body
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert "$spec" in body["errors"][0]["message"]
    assert await article_count(stack) == before


async def test_oversized_file_is_refused_with_payload_too_large(stack: Stack) -> None:
    before = await article_count(stack)
    limit = stack.settings.max_upload_bytes
    response = await upload(
        stack.http,
        stack.graphql_url,
        name="Big",
        spec=("big.txt", b"x" * (limit + 1), "text/plain"),
    )
    body = response.json()
    assert error_codes(body) == ["PAYLOAD_TOO_LARGE"]
    assert str(limit) in body["errors"][0]["message"]
    assert await article_count(stack) == before


async def test_a_body_far_over_the_limit_is_cut_off_while_streaming(stack: Stack) -> None:
    limit = stack.settings.max_upload_bytes
    sent = 0

    async def endless():
        nonlocal sent
        yield (
            b'--b\r\nContent-Disposition: form-data; name="0"; filename="big.txt"\r\n'
            b"Content-Type: text/plain\r\n\r\n"
        )
        while sent < 50 * limit:
            sent += 64 * 1024
            yield b"x" * (64 * 1024)

    response = await stack.http.post(
        stack.graphql_url,
        content=endless(),
        headers={
            "Content-Type": "multipart/form-data; boundary=b",
            "Apollo-Require-Preflight": "1",
        },
    )
    assert response.status_code == 413
    assert error_codes(response.json()) == ["PAYLOAD_TOO_LARGE"]


async def test_multipart_without_preflight_header_is_refused(stack: Stack) -> None:
    before = await article_count(stack)
    response = await upload(
        stack.http,
        stack.graphql_url,
        name="CSRF",
        spec=("a.txt", b"Weight: 1 kg", "text/plain"),
        headers={},
    )
    assert response.status_code == 400
    assert error_codes(response.json()) == ["BAD_REQUEST"]
    assert "Apollo-Require-Preflight" in response.json()["errors"][0]["message"]
    assert await article_count(stack) == before


async def test_malformed_multipart_gets_a_graphql_shaped_error(stack: Stack) -> None:
    response = await stack.http.post(
        stack.graphql_url,
        data={"operations": "{not json", "map": "{}"},
        files={"0": ("a.txt", b"x", "text/plain")},
        headers={"Apollo-Require-Preflight": "1"},
    )
    assert response.status_code == 400
    assert error_codes(response.json()) == ["BAD_REQUEST"]


async def test_unknown_and_malformed_ids(stack: Stack) -> None:
    query = "query A($id: ID!) { article(id: $id) { id } }"
    missing = await post(
        stack.http, stack.graphql_url, query, id="00000000-0000-0000-0000-000000000000"
    )
    assert error_codes(missing) == ["NOT_FOUND"]
    assert missing["data"] == {"article": None}
    malformed = await post(stack.http, stack.graphql_url, query, id="nope")
    assert error_codes(malformed) == ["BAD_USER_INPUT"]
    status = await post(
        stack.http,
        stack.graphql_url,
        "query S($id: ID!) { articleStatus(id: $id) { id } }",
        id="00000000-0000-0000-0000-000000000000",
    )
    assert error_codes(status) == ["NOT_FOUND"]


async def test_json_upload_mutation_without_file_is_a_validation_error(stack: Stack) -> None:
    body = await post(stack.http, stack.graphql_url, ANALYZE, name="X", spec=None)
    assert error_codes(body) == ["BAD_USER_INPUT"]

    unknown_field = await post(stack.http, stack.graphql_url, "{ nope }")
    assert error_codes(unknown_field) == ["GRAPHQL_VALIDATION_FAILED"]


async def test_graphiql_is_served(stack: Stack) -> None:
    response = await stack.http.get(stack.graphql_url, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_health(stack: Stack) -> None:
    response = await httpx.AsyncClient().get(f"{stack.base_url}/health")
    assert response.json() == {"status": "ok"}
