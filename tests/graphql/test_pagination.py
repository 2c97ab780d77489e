"""Relay-style paging as Apollo's relayStylePagination reads it: pageInfo's four fields and
totalCount on the connection."""

import uuid

import pytest

from cost_model_service.auth.keys import create_key
from cost_model_service.config import Settings
from tests.graphql_client import post
from tests.helpers import changed, submit
from tests.stack import running_stack

pytestmark = pytest.mark.slow

PAGE = """query P($first: Int!, $after: String, $status: ProcessingStatus) {
  articles(first: $first, after: $after, status: $status) {
    ...Counted
    edges { cursor node { articleName } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }
fragment Counted on ArticleConnection { totalCount }"""


async def test_page_info_and_total_count(settings: Settings) -> None:
    async with running_stack(changed(settings, auth_required=True), worker=False) as stack:
        async with stack.services.sessionmaker() as session:
            _, key = await create_key(session, f"t-{uuid.uuid4().hex[:8]}")
            await session.commit()
        stack.http.headers["Authorization"] = f"Bearer {key}"
        for n in range(3):
            await submit(stack, f"Part {n}\nNet weight: 1 kg\n".encode(), name=f"Part {n}")

        first = (await post(stack.http, stack.graphql_url, PAGE, first=2))["data"]["articles"]
        assert [e["node"]["articleName"] for e in first["edges"]] == ["Part 2", "Part 1"]
        assert first["totalCount"] == 3
        assert first["pageInfo"] == {
            "hasNextPage": True,
            "hasPreviousPage": False,
            "startCursor": first["edges"][0]["cursor"],
            "endCursor": first["edges"][1]["cursor"],
        }

        rest = (
            await post(
                stack.http, stack.graphql_url, PAGE, first=2, after=first["pageInfo"]["endCursor"]
            )
        )["data"]["articles"]
        assert [e["node"]["articleName"] for e in rest["edges"]] == ["Part 0"]
        assert rest["totalCount"] == 3
        assert rest["pageInfo"]["hasNextPage"] is False
        assert rest["pageInfo"]["hasPreviousPage"] is True
        assert rest["pageInfo"]["startCursor"] == rest["edges"][0]["cursor"]

        none = (await post(stack.http, stack.graphql_url, PAGE, first=2, status="COMPLETED"))[
            "data"
        ]["articles"]
        assert none["totalCount"] == 0 and none["edges"] == []
        assert none["pageInfo"] == {
            "hasNextPage": False,
            "hasPreviousPage": False,
            "startCursor": None,
            "endCursor": None,
        }
        processing = await post(
            stack.http, stack.graphql_url, "{ articles(status: PROCESSING) { totalCount } }"
        )
        assert processing["data"]["articles"]["totalCount"] == 3
