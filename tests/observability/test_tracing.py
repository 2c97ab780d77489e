"""Traces: off unless OTEL_* asks; when on, one trace from the upload's HTTP request
through the worker's job and stages to the SQL, Redis and publishes they make."""

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from cost_model_service.observability import tracing

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("environ", "wanted"),
    [
        ({}, False),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, True),
        ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"}, True),
        ({"OTEL_TRACES_EXPORTER": "console"}, True),
        ({"OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318"}, False),
        ({"OTEL_SDK_DISABLED": "true", "OTEL_TRACES_EXPORTER": "otlp"}, False),
    ],
)
def test_only_the_standard_variables_turn_tracing_on(environ: dict, wanted: bool) -> None:
    assert tracing.requested(environ) is wanted


def test_off_by_default_every_hook_is_a_no_op() -> None:
    assert not tracing.enabled()
    assert tracing.setup_tracing("cms-test") is False  # no OTEL_* in the test environment
    assert tracing.job_carrier() == {}
    assert tracing.asgi_middleware() is None and tracing.graphql_extension() is None
    with tracing.job_span("analyze_article", {"traceparent": "00-garbage"}):
        pass


def test_without_the_extra_asking_for_traces_only_warns(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "console")
    monkeypatch.setitem(sys.modules, "opentelemetry", None)  # as if not installed
    assert tracing.setup_tracing("cms-test") is False
    assert "otel extra is not installed" in caplog.text
    assert not tracing.enabled()


@pytest.mark.slow
def test_one_trace_spans_the_upload_the_job_its_stages_and_publishes(
    database_url: str, redis_url: str
) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.observability.traced_stack",
            database_url,
            redis_url,
            f"cmstest-trace-{uuid.uuid4().hex[:8]}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    head, *rest = result.stdout.splitlines()
    assert json.loads(head)["status"] == "COMPLETED"
    spans = [json.loads(line) for line in rest]
    jobs = [span for span in spans if span["name"] == "job analyze_article"]
    assert len(jobs) == 1, [span["name"] for span in spans]
    (job,) = jobs
    trace = [span for span in spans if span["trace"] == job["trace"]]
    by_id = {span["span"]: span for span in trace}
    # The job descends from the HTTP request that enqueued it (and its resolver), in the
    # client's trace.
    ancestors, span = [], job
    while span["parent"] in by_id:
        span = by_id[span["parent"]]
        ancestors.append(span["name"])
    assert ancestors[0] == "GraphQL Resolving: analyzeArticle", ancestors
    assert "POST /graphql" in ancestors and ancestors[-1] == "client: analyze", ancestors
    names = {span["name"] for span in trace}
    assert {
        "stage extracting_text",
        "stage extracting_metadata",
        "stage generating_cost_model",
        "stage saving",
    } <= names
    assert any(name.startswith("GraphQL") for name in names), names  # strawberry's spans
    assert "PUBLISH" in names  # the worker's status events
    # Calls outside any request or job (arq polling Redis) start no trace of their own.
    assert not [
        span
        for span in spans
        if span["parent"] is None and span["name"] in ("ZRANGEBYSCORE", "PING", "SELECT")
    ]
    stages = {span["span"] for span in trace if span["name"].startswith("stage ")}
    # SQL statements nest under the stage that ran them.
    sql = [
        span
        for span in trace
        if span["attributes"].get("db.system", span["attributes"].get("db.system.name"))
        == "postgresql"
    ]
    assert any(span["parent"] in stages for span in sql), names
    # And the mutation's INSERT, in the API, is in the same trace.
    assert any("INSERT" in span["name"] and span["parent"] not in stages for span in sql), names
