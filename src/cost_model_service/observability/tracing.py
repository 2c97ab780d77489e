"""OpenTelemetry traces: off unless the standard `OTEL_*` variables ask for them and the
`otel` extra is installed (`uv sync --extra otel`, `pip install 'cost-model-service[otel]'`).

Asked for means `OTEL_TRACES_EXPORTER` set to anything but `none` (`otlp`, `console`), or
an OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`);
`OTEL_SDK_DISABLED=true` wins. The OTLP exporter speaks http/protobuf and reads the rest
of its `OTEL_EXPORTER_OTLP_*` variables itself; `OTEL_SERVICE_NAME` and
`OTEL_RESOURCE_ATTRIBUTES` name the process (`cms-api`, `cms-worker` otherwise).

When on: a span per HTTP request and WebSocket (ASGI), per GraphQL operation and resolver
(strawberry's extension), per SQL statement, Redis command and OpenAI call; the trace
context travels in the arq job's `trace_context` keyword, so the worker's job span, its
stages and their SQL, LLM calls and publishes belong to the mutation's trace. Every
function here is a no-op when tracing is off, and none imports OpenTelemetry then.
"""

import contextlib
import logging
import os
from collections.abc import Iterator, Mapping
from typing import Any

log = logging.getLogger(__name__)

# The keyword argument a job carries its trace context in (W3C traceparent/tracestate).
JOB_KWARG = "trace_context"

_enabled = False


def requested(environ: Mapping[str, str] = os.environ) -> bool:
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    if exporter := environ.get("OTEL_TRACES_EXPORTER", "").strip().lower():
        return exporter != "none"
    return bool(
        environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
        or environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    )


def enabled() -> bool:
    return _enabled


def setup_tracing(service_name: str, exporter: Any = None) -> bool:
    """Start tracing for this process when asked (or with `exporter`, e.g. tests' in-memory
    one, exported span by span). Once per process: OpenTelemetry's provider is global."""
    global _enabled
    if _enabled or (exporter is None and not requested()):
        return _enabled
    try:
        from opentelemetry import trace
        from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
        from opentelemetry.instrumentation.redis import RedisInstrumentor
        from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor
    except ImportError:
        log.warning(
            "OTEL_* variables ask for traces, but the otel extra is not installed "
            "(install cost-model-service[otel]): tracing stays off"
        )
        return False
    attributes = {} if os.environ.get("OTEL_SERVICE_NAME") else {"service.name": service_name}
    provider = TracerProvider(resource=Resource.create(attributes), sampler=_sampler())
    if exporter is not None:
        provider.add_span_processor(SimpleSpanProcessor(exporter))
    else:
        provider.add_span_processor(BatchSpanProcessor(_exporter_from_environment()))
    trace.set_tracer_provider(provider)
    RedisInstrumentor().instrument()
    # Engines created from now on (db.create_engine). Its declared range ends before
    # SQLAlchemy 2.1, which it would then skip silently; the engine events it hooks are
    # unchanged in 2.1 (tests/observability/test_tracing.py sees the statements).
    SQLAlchemyInstrumentor().instrument(skip_dep_check=True)
    HTTPXClientInstrumentor().instrument()  # the openai client's HTTP calls
    _enabled = True
    log.info("tracing on (%s)", os.environ.get("OTEL_TRACES_EXPORTER") or "otlp")
    return True


def _sampler() -> Any:
    """OTEL_TRACES_SAMPLER when set. Otherwise every trace, except those that would start
    with a client call: arq polls Redis twice a second and the sweep queries PostgreSQL,
    each a trace of one span that nobody wants (a request's or a job's calls have their
    span as parent, and are kept)."""
    if os.environ.get("OTEL_TRACES_SAMPLER"):
        return None  # the SDK reads it
    from opentelemetry.sdk.trace.sampling import (
        Decision,
        ParentBased,
        Sampler,
        SamplingResult,
    )
    from opentelemetry.trace import SpanKind

    class NoOrphanClientSpans(Sampler):
        def should_sample(
            self,
            parent_context: Any,
            trace_id: int,
            name: str,
            kind: Any = None,
            attributes: Any = None,
            links: Any = None,
            trace_state: Any = None,
        ) -> SamplingResult:
            if kind is SpanKind.CLIENT:
                return SamplingResult(Decision.DROP)
            return SamplingResult(Decision.RECORD_AND_SAMPLE, attributes)

        def get_description(self) -> str:
            return "NoOrphanClientSpans"

    return ParentBased(root=NoOrphanClientSpans())


def _exporter_from_environment() -> Any:
    if os.environ.get("OTEL_TRACES_EXPORTER", "").strip().lower() == "console":
        from opentelemetry.sdk.trace.export import ConsoleSpanExporter

        return ConsoleSpanExporter()
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter()


def asgi_middleware() -> Any:
    """The ASGI middleware that starts a request's trace (or continues the caller's)."""
    if not _enabled:
        return None
    from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware

    return OpenTelemetryMiddleware


def graphql_extension() -> type | None:
    """strawberry's extension: spans for each operation, its parsing and validation, and
    each resolver."""
    if not _enabled:
        return None
    from strawberry.extensions.tracing import OpenTelemetryExtension

    return OpenTelemetryExtension


def job_carrier() -> dict[str, str]:
    """The current trace context, for a job's `trace_context` keyword ({} when off)."""
    if not _enabled:
        return {}
    from opentelemetry.propagate import inject

    carrier: dict[str, str] = {}
    inject(carrier)
    return carrier


@contextlib.contextmanager
def job_span(job: str, carrier: Mapping[str, str] | None, **attributes: Any) -> Iterator[None]:
    """One try of a job, as a child of the trace that enqueued it (when it came with one)."""
    if not _enabled:
        yield
        return
    from opentelemetry import trace
    from opentelemetry.propagate import extract

    tracer = trace.get_tracer("cost_model_service.worker")
    with tracer.start_as_current_span(
        f"job {job}",
        context=extract(dict(carrier or {})),
        kind=trace.SpanKind.CONSUMER,
        attributes={k: v for k, v in attributes.items() if v is not None},
    ):
        yield
