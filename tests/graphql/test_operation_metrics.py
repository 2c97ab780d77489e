"""GraphQL operations are counted by root field, type and outcome, and /metrics shows them."""

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.graphql_client import post
from tests.stack import Stack


async def scrape(http: httpx.AsyncClient, url: str) -> dict[tuple[str, frozenset], float]:
    response = await http.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: dict[tuple[str, frozenset], float], name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


async def test_operations_by_root_field_type_and_outcome(stack: Stack) -> None:
    metrics_url = f"{stack.base_url}/metrics"
    before = await scrape(stack.http, metrics_url)
    await post(stack.http, stack.graphql_url, "query Mine { costIndices { code } }")
    await post(stack.http, stack.graphql_url, "{ noSuchField }")
    await post(stack.http, stack.graphql_url, 'query { article(id: "not-a-uuid") { id } }')
    after = await scrape(stack.http, metrics_url)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    ops = "cms_graphql_operations_total"
    assert moved(ops, operation="costIndices", type="query", outcome="ok") == 1
    # A field the schema lacks is no label value of its own: clients choose those.
    assert moved(ops, operation="invalid", type="query", outcome="GRAPHQL_VALIDATION_FAILED") == 1
    assert moved(ops, operation="article", type="query", outcome="BAD_USER_INPUT") == 1
    assert (
        moved("cms_graphql_operation_duration_seconds_count", operation="costIndices", type="query")
        == 1
    )
    assert value(after, "cms_websocket_connections") == 0
    assert value(after, "cms_subscriptions_active") == 0
    assert value(after, "cms_queue_up") == 1
