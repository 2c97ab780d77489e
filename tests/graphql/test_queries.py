"""Reading articles back: pagination, filtering, and no per-article query fan-out."""

import uuid

import pytest
from sqlalchemy import event

from cost_model_service.auth.keys import create_key
from cost_model_service.config import Settings
from tests.graphql_client import post
from tests.helpers import changed, submit, wait_until_finished
from tests.stack import Stack, running_stack

# Real processes (uvicorn, arq, subprocesses): not in the fast tier, `pytest -m "not slow"`.
pytestmark = pytest.mark.slow

LIST = """query L($first: Int!, $after: String, $status: ProcessingStatus) {
  articles(first: $first, after: $after, status: $status) {
    edges { cursor node { id articleName processingStatus
      files { filename sha256 } costModel { part index { code } } } }
    pageInfo { hasNextPage endCursor } } }"""


async def _new_tenant_headers(stack: Stack) -> dict[str, str]:
    """A fresh tenant of its own, so the listing holds exactly this test's articles."""
    async with stack.services.sessionmaker() as session:
        _, key = await create_key(session, f"t-{uuid.uuid4().hex[:8]}")
        await session.commit()
    return {"Authorization": f"Bearer {key}"}


async def test_pages_newest_first_with_status_filter_and_no_fan_out(settings: Settings) -> None:
    async with running_stack(changed(settings, auth_required=True)) as stack:
        stack.http.headers.update(await _new_tenant_headers(stack))
        ids = []
        for n in range(5):
            spec = f"Part {n}\nsteel\nNet weight: {n + 1} kg\n".encode()
            ids.append(await submit(stack, spec, name=f"Part {n}"))
        for article_id in ids:
            await wait_until_finished(stack, article_id)

        engine = stack.services.sessionmaker.kw["bind"]
        statements: list[str] = []

        def count(conn, cursor, statement, *args) -> None:
            statements.append(statement)

        event.listen(engine.sync_engine, "before_cursor_execute", count)
        try:
            first = (await post(stack.http, stack.graphql_url, LIST, first=3))["data"]
        finally:
            event.remove(engine.sync_engine, "before_cursor_execute", count)
        page = first["articles"]
        assert [e["node"]["articleName"] for e in page["edges"]] == ["Part 4", "Part 3", "Part 2"]
        assert page["pageInfo"]["hasNextPage"] is True
        assert all(e["node"]["costModel"] and e["node"]["files"] for e in page["edges"])
        # The API key, the page, all files at once, all cost model parts at once.
        assert len(statements) == 4, statements

        rest = (
            await post(
                stack.http, stack.graphql_url, LIST, first=3, after=page["pageInfo"]["endCursor"]
            )
        )["data"]["articles"]
        assert [e["node"]["articleName"] for e in rest["edges"]] == ["Part 1", "Part 0"]
        assert rest["pageInfo"] == {"hasNextPage": False, "endCursor": rest["edges"][-1]["cursor"]}

        failed = (await post(stack.http, stack.graphql_url, LIST, first=10, status="FAILED"))[
            "data"
        ]["articles"]
        assert failed["edges"] == []
        done = (await post(stack.http, stack.graphql_url, LIST, first=10, status="COMPLETED"))[
            "data"
        ]["articles"]
        assert len(done["edges"]) == 5

        bad = await post(stack.http, stack.graphql_url, LIST, first=3, after="not-a-cursor")
        assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        too_many = await post(stack.http, stack.graphql_url, LIST, first=1000)
        assert too_many["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_cost_index_catalogue(settings: Settings) -> None:
    async with running_stack(settings, worker=False) as stack:
        body = await post(
            stack.http,
            stack.graphql_url,
            "{ costIndices { code name category unit sourceReference } }",
        )
    catalogue = {i["code"]: i for i in body["data"]["costIndices"]}
    assert catalogue["STEEL"]["category"] == "material"
    assert catalogue["FIXED"]["category"] == "fixed"
    assert catalogue["LABOUR"]["sourceReference"].startswith("Eurostat")
