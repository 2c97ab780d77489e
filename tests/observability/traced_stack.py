"""Run as a script by test_tracing.py, in a process of its own (OpenTelemetry's provider
and instrumentation are global to a process): tracing on with an in-memory exporter, the
API and a worker in this loop (tests/stack.py), one analysis; prints the spans, one JSON
object per line."""

import asyncio
import json
import sys

from opentelemetry import trace
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from cost_model_service.observability.tracing import setup_tracing

EXPORTER = InMemorySpanExporter()
setup_tracing("cms-test", exporter=EXPORTER)  # before the app and its engine exist

from cost_model_service.config import Settings  # noqa: E402
from tests.graphql_client import upload  # noqa: E402
from tests.helpers import wait_until_finished  # noqa: E402
from tests.stack import running_stack  # noqa: E402


async def main(database_url: str, redis_url: str, prefix: str) -> None:
    settings = Settings(
        _env_file=None,
        database_url=database_url,
        redis_url=redis_url,  # type: ignore[call-arg]
        redis_prefix=prefix,
        analyzer="rules",
        sweep_interval_seconds=0,
    )
    async with running_stack(settings) as stack:
        # A traced client's own span: the trace starts here, as in a traced frontend (a
        # lone client call would start none: see tracing._sampler).
        with trace.get_tracer("test").start_as_current_span("client: analyze"):
            response = await upload(
                stack.http,
                stack.graphql_url,
                name="Traced",
                spec=("spec.txt", b"Bracket, steel. Weight: 120 g.", "text/plain"),
            )
        article_id = response.json()["data"]["analyzeArticle"]["id"]
        status = await wait_until_finished(stack, article_id)
    print(json.dumps({"article": article_id, "status": status["processingStatus"]}))
    for span in EXPORTER.get_finished_spans():
        context, parent = span.get_span_context(), span.parent
        print(
            json.dumps(
                {
                    "name": span.name,
                    "trace": f"{context.trace_id:032x}",
                    "span": f"{context.span_id:016x}",
                    "parent": f"{parent.span_id:016x}" if parent else None,
                    "attributes": {
                        key: str(value) for key, value in (span.attributes or {}).items()
                    },
                }
            )
        )


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4]))
