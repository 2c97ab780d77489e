"""Every Prometheus metric the service exports, and the hooks the code calls.

Names follow Prometheus' conventions: `cms_` prefix, `_total` for counters, `_seconds` and
`_bytes` units. Labels are bounded by the schema and the code, never by what a client
sends (an operation's root field, not its client-chosen name; a stage, not an article).
The metrics live in prometheus-client's default registry: one per process, so the API's
`/metrics` and a worker's metrics port each show their own process (docs/OPERATIONS.md).
"""

from collections.abc import Callable

from prometheus_client import Counter, Gauge, Histogram, disable_created_metrics

# No `_created` series beside every counter and histogram: they double the series and
# Prometheus does not need them.
disable_created_metrics()  # type: ignore[no-untyped-call]  # prometheus-client: unannotated

# Operations take milliseconds to a few seconds (an upload); stages up to the LLM timeout.
_FAST = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
_SLOW = (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)

GRAPHQL_OPERATIONS = Counter(
    "cms_graphql_operations_total",
    "GraphQL operations by root field, type and outcome (ok, or the first error's code).",
    ["operation", "type", "outcome"],
)
GRAPHQL_DURATION = Histogram(
    "cms_graphql_operation_duration_seconds",
    "Time from receiving a query or mutation to its result (parsing and validation "
    "included); subscriptions are counted, not timed.",
    ["operation", "type"],
    buckets=_FAST,
)
WEBSOCKETS_OPEN = Gauge("cms_websocket_connections", "Open GraphQL WebSocket connections.")
SUBSCRIPTIONS_ACTIVE = Gauge(
    "cms_subscriptions_active", "Subscriptions currently following a channel in this process."
)
EVENTS_PUBLISHED = Counter(
    "cms_events_published_total", "Events published on Redis pub/sub, by event type.", ["event"]
)
EVENTS_PUBLISH_FAILED = Counter(
    "cms_events_publish_failures_total",
    "Events that could not be published (Redis away).",
    ["event"],
)
EVENTS_DELIVERED = Counter(
    "cms_events_delivered_total",
    "Events received from Redis and handed to a local subscriber (one per subscriber).",
)
ANALYSES = Counter(
    "cms_analyses_total", "Analyses that ended, by outcome (completed, failed).", ["outcome"]
)
ANALYSIS_STAGE_DURATION = Histogram(
    "cms_analysis_stage_duration_seconds",
    "Time an analysis spent in each stage (its work and the commit that ends it).",
    ["stage"],
    buckets=_SLOW,
)
JOB_TRIES = Counter("cms_job_tries_total", "Tries of jobs started by a worker.", ["job"])
JOB_RETRIES = Counter(
    "cms_job_retries_total", "Tries that failed transiently and were deferred for a retry.", ["job"]
)
JOBS_GAVE_UP = Counter(
    "cms_job_give_ups_total", "Jobs that gave up (permanent failure or tries exhausted).", ["job"]
)
LLM_CALLS = Counter(
    "cms_llm_calls_total",
    "Calls to the LLM by model and outcome (ok, error).",
    ["model", "outcome"],
)
LLM_TOKENS = Counter(
    "cms_llm_tokens_total",
    "LLM tokens used by model and kind (prompt, completion).",
    ["model", "kind"],
)
LLM_CACHE_LOOKUPS = Counter(
    "cms_llm_cache_lookups_total",
    "LLM answer cache lookups by model, step and result (hit, miss).",
    ["model", "step", "result"],
)
RATE_LIMIT_REFUSALS = Counter(
    "cms_rate_limit_refusals_total", "Calls refused by a per-tenant rate limit.", ["operation"]
)
UPLOAD_BYTES = Counter(
    "cms_upload_bytes_total", "Bytes of uploaded files accepted, by file kind.", ["kind"]
)
UPLOADS = Counter("cms_uploads_total", "Uploaded files accepted, by file kind.", ["kind"])


def graphql_operation(operation: str, kind: str, outcome: str, seconds: float | None) -> None:
    GRAPHQL_OPERATIONS.labels(operation, kind, outcome).inc()
    if seconds is not None:
        GRAPHQL_DURATION.labels(operation, kind).observe(seconds)


def live_counts(websockets: Callable[[], float], subscriptions: Callable[[], float]) -> None:
    """Read at every scrape: the API process's open sockets and subscriptions."""
    WEBSOCKETS_OPEN.set_function(websockets)
    SUBSCRIPTIONS_ACTIVE.set_function(subscriptions)


def event_published(event: str, ok: bool) -> None:
    (EVENTS_PUBLISHED if ok else EVENTS_PUBLISH_FAILED).labels(event).inc()


def events_delivered(count: int) -> None:
    if count:
        EVENTS_DELIVERED.inc(count)


def analysis_ended(outcome: str) -> None:
    ANALYSES.labels(outcome).inc()


def job_try(job: str) -> None:
    JOB_TRIES.labels(job).inc()


def job_retry(job: str) -> None:
    JOB_RETRIES.labels(job).inc()


def job_gave_up(job: str) -> None:
    JOBS_GAVE_UP.labels(job).inc()


def llm_call(model: str, ok: bool, prompt_tokens: int = 0, completion_tokens: int = 0) -> None:
    LLM_CALLS.labels(model, "ok" if ok else "error").inc()
    if prompt_tokens:
        LLM_TOKENS.labels(model, "prompt").inc(prompt_tokens)
    if completion_tokens:
        LLM_TOKENS.labels(model, "completion").inc(completion_tokens)


def llm_cache_lookup(model: str, step: str, hit: bool) -> None:
    LLM_CACHE_LOOKUPS.labels(model, step, "hit" if hit else "miss").inc()


def rate_limited(operation: str) -> None:
    RATE_LIMIT_REFUSALS.labels(operation).inc()


def upload_accepted(kind: str, size: int) -> None:
    UPLOADS.labels(kind).inc()
    UPLOAD_BYTES.labels(kind).inc(size)
