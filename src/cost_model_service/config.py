"""The one Settings object: every knob is a `CMS_` environment variable (or a line in `.env`)."""

import json
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from cost_model_service.redis_keys import RedisKeys
from cost_model_service.urls import check_redis_url, normalise_database_url


class Environment(StrEnum):
    development = "development"
    testing = "testing"
    production = "production"


class AnalyzerChoice(StrEnum):
    auto = "auto"
    openai = "openai"
    rules = "rules"


class LogFormat(StrEnum):
    text = "text"
    json = "json"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CMS_", env_file=".env", extra="ignore")

    environment: Environment = Environment.development
    project_name: str = "cost-model-service"
    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: Path = Path(".cms-data")

    # text for people; json: one object per line with the request's or job's ids
    # (observability/logging.py).
    log_format: LogFormat = LogFormat.text
    # A worker's Prometheus metrics on this port (on CMS_HOST); 0 is off. The API serves
    # its own at /metrics. Several workers on one host each need their own port.
    worker_metrics_port: int = Field(default=0, ge=0, le=65535)

    # Unset means "start an embedded server under data_dir" (cms dev only).
    database_url: str | None = None
    redis_url: str | None = None
    # Namespaces the arq queue and the pub/sub channels, so that several deployments
    # (or test runs) can share one Redis server.
    redis_prefix: str = "cms"

    openai_api_key: SecretStr | None = None
    openai_model: str = "gpt-4o-mini"
    openai_base_url: str | None = None
    openai_timeout_seconds: float = 60.0
    openai_max_retries: int = 3
    analyzer: AnalyzerChoice = AnalyzerChoice.auto
    llm_max_input_chars: int = 12_000
    # The hybrid (auto) analyzer asks the LLM for the weight whenever the rules' answer is
    # below this confidence (or missing); 0 never asks when the rules found a weight, 1
    # always asks.
    hybrid_llm_below_confidence: float = Field(default=0.8, ge=0, le=1)

    max_upload_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    worker_max_jobs: int = Field(default=10, gt=0)
    # How often an idle worker asks Redis for new jobs (arq's poll_delay, 0.5 s by default):
    # a new article waits half of it on average before a worker starts it. One cheap
    # Redis command per poll.
    worker_poll_delay_seconds: float = Field(default=0.05, gt=0)
    # Also how soon a killed worker's job runs again: arq's in-progress key lives
    # job timeout + 10 s and is never refreshed (docs/OPERATIONS.md has the arithmetic).
    job_timeout_seconds: int = Field(default=180, gt=0)
    # Transient failures (LLM rate limits, timeouts) are retried up to this many tries,
    # with exponential backoff starting at job_retry_seconds.
    job_max_tries: int = Field(default=4, gt=0)
    job_retry_seconds: float = Field(default=5.0, ge=0)
    # On SIGTERM a worker takes no new job, lets running ones finish for this long, then
    # hands the rest back to the queue, where another worker starts them at once.
    worker_shutdown_grace_seconds: float = Field(default=15.0, ge=0)
    # A Redis command without an answer for this long fails, so that a half-open
    # connection cannot hang a request or a worker.
    redis_socket_timeout_seconds: float = Field(default=5.0, gt=0)
    # The sweep (arq cron, every interval; divides 60 or is whole minutes dividing 60):
    # PROCESSING articles that have not moved for job timeout + 10 s and have no job in
    # Redis are enqueued again, or FAILED once their run is older than the deadline.
    # 0 turns it off (tests sharing one database between queues need that).
    sweep_interval_seconds: int = Field(default=60, ge=0)
    processing_deadline_seconds: int = Field(default=900, gt=0)
    # The API's pub/sub connection pings this often and counts as dead (half-open) after
    # dead_after without an answer; every quiet_resync one batched read per process checks
    # every followed subject (events/watch.py), whatever the number of subscribers.
    events_ping_interval_seconds: float = Field(default=5.0, gt=0)
    events_dead_after_seconds: float = Field(default=15.0, gt=0)
    events_quiet_resync_seconds: float = Field(default=30.0, gt=0)

    # Authentication. Unset: required in production, open (and logged so) elsewhere.
    auth_required: bool | None = None
    # Optional JWT bearer tokens from an identity provider: an HS256 secret, or a JWKS
    # (file path or https URL) for RS256/ES256; the tenant comes from a claim.
    jwt_secret: SecretStr | None = None
    jwt_jwks: str | None = None
    jwt_issuer: str | None = None
    jwt_audience: str | None = None
    jwt_tenant_claim: str = "tenant"

    # GraphQL request limits, checked before anything executes. The deepest legitimate
    # query (articles > edges > node > costModel > index) has depth 5.
    graphql_max_depth: int = Field(default=10, gt=0)
    # Bounds parsing work (and nesting) per document; the introspection query has ~200.
    graphql_max_tokens: int = Field(default=2000, gt=0)
    # Aliases multiply work ("a1: articles ... a99: articles"); none is needed.
    graphql_max_aliases: int = Field(default=15, ge=0)
    # Unset: on, except in production (where the schema is the published schema.graphql).
    graphql_introspection: bool | None = None
    # A WebSocket (either protocol) that has not sent connection_init by then is closed
    # (4408); until then it gets no keep-alives.
    ws_connection_init_timeout_seconds: float = Field(default=60.0, gt=0)
    # Open WebSockets' credentials are checked this often (one query for all of them);
    # those whose API key was revoked or whose token expired are closed (4403).
    ws_credentials_check_seconds: float = Field(default=30.0, gt=0)
    # WebSocket compression (permessage-deflate): a status message is ~250 bytes, and each
    # compressed connection holds ~50 KB of zlib state, about half of its whole cost.
    ws_per_message_deflate: bool = False
    graphiql: bool | None = None

    # Document parsing, OCR and the rules analyzer run in this many worker processes,
    # apart from the worker's event loop (analysis/isolation). Each process may use
    # extraction_max_memory_mb of heap (RLIMIT_DATA; OCR needs ~1.2 GB) and each file or
    # rules analysis extraction_timeout_seconds; past either it is killed and replaced, and
    # the article fails naming the limit. The other bounds are checked before parsing.
    extraction_processes: int = Field(default=2, gt=0)
    extraction_max_memory_mb: int = Field(default=2048, ge=256)
    extraction_timeout_seconds: float = Field(default=60.0, gt=0)
    extraction_max_xml_mb: int = Field(default=50, gt=0)  # DOCX/XLSX, all parts together
    extraction_max_xml_elements: int = Field(default=2_000_000, gt=0)
    extraction_max_pdf_stream_mb: int = Field(default=25, gt=0)  # decompressed, whole PDF
    extraction_max_image_pixels: int = Field(default=40_000_000, gt=0)

    # Articles analysed per tenant per window (analyzeArticle calls, and each article of
    # an analyzeArticles batch: what costs LLM calls is the article, not the request);
    # 0 disables. 150 per 5 min: 30 a minute sustained, and a window wide enough for a
    # full batch (CMS_BATCH_MAX_ITEMS), which a smaller count would refuse for ever.
    analyze_rate_limit_count: int = Field(default=150, ge=0)
    analyze_rate_limit_window_seconds: int = Field(default=300, ge=0)

    # analyzeArticles: at most this many items (each up to two files) and this many bytes
    # of files per request, refused while the body streams in. A batch counts one call per
    # article against the rate limit above.
    batch_max_items: int = Field(default=100, gt=0)
    batch_max_bytes: int = Field(default=200 * 1024 * 1024, gt=0)
    # At most this many of one batch's articles are queued or running at once; the rest
    # wait PENDING and are let in as others finish, so that single uploads and other
    # tenants' batches are not stuck behind a long batch (batches/service.py: release).
    batch_window: int = Field(default=4, gt=0)

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str | None) -> str | None:
        return normalise_database_url(value) if value else None

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str | None) -> str | None:
        return check_redis_url(value) if value else None

    # Browser pages on these origins may call the API (CORS) and open its WebSocket;
    # comma-separated, exact ("http://localhost:5173"). Empty: the API's own origin only.
    # "*" (any origin, without credentials) is refused in production: see graphql/cors.py.
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Automatic persisted queries: how long a query stays in Redis under its sha256 after
    # it was last sent in full; 0 answers PERSISTED_QUERY_NOT_SUPPORTED.
    apq_ttl_seconds: int = Field(default=24 * 3600, ge=0)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        """`a,b` as documented; a JSON array (pydantic-settings' own list format) too."""
        if isinstance(value, str) and value.lstrip().startswith("["):
            return json.loads(value)
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @property
    def requires_auth(self) -> bool:
        if self.auth_required is None:
            return self.environment is Environment.production
        return self.auth_required

    @property
    def introspection_enabled(self) -> bool:
        if self.graphql_introspection is None:
            return self.environment is not Environment.production
        return self.graphql_introspection

    @property
    def graphiql_enabled(self) -> bool:
        if self.graphiql is None:
            return self.environment is not Environment.production
        return self.graphiql

    def resolved_analyzer(self) -> AnalyzerChoice:
        """`auto` means openai when a key is set, the offline rules otherwise."""
        if self.analyzer is AnalyzerChoice.auto:
            return AnalyzerChoice.openai if self.openai_api_key else AnalyzerChoice.rules
        return self.analyzer

    @property
    def redis_keys(self) -> RedisKeys:
        """Every Redis key and channel, under redis_prefix (redis_keys.py)."""
        return RedisKeys(self.redis_prefix)


def describe_errors(error: ValidationError) -> list[str]:
    """One line per wrong setting, naming its variable: what `cms` prints instead of a
    traceback. Values are repeated only where they cannot hold a secret."""
    lines = []
    for item in error.errors():
        name = f"CMS_{str(item['loc'][0]).upper()}" if item["loc"] else "configuration"
        message = item["msg"].removeprefix("Value error, ")
        value = item.get("input")
        secret = any(word in name for word in ("KEY", "SECRET", "URL", "JWKS"))
        shown = f"={value}" if isinstance(value, str | int) and not secret else ""
        lines.append(f"{name}{shown}: {message}")
    return lines


@lru_cache
def get_settings() -> Settings:
    return Settings()
