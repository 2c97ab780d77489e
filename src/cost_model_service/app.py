"""The ASGI application: GraphQL over HTTP and WebSocket at /graphql, plus /health
(liveness), /ready (readiness, readiness.py) and /metrics (Prometheus, observability/)."""

import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

from redis.asyncio import Redis
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from cost_model_service.auth.startup import check_auth_settings
from cost_model_service.config import Settings, get_settings
from cost_model_service.db import create_engine, create_sessionmaker
from cost_model_service.events.broadcaster import EventBroadcaster
from cost_model_service.graphql.context import AppServices
from cost_model_service.graphql.cors import allowed_origins, cors_middleware
from cost_model_service.graphql.graphiql import page as graphiql_page
from cost_model_service.graphql.http_guards import GraphQLHTTPGuards
from cost_model_service.graphql.request_id import RequestIdMiddleware
from cost_model_service.graphql.schema import build_schema
from cost_model_service.graphql.sockets import OpenSockets
from cost_model_service.graphql.view import GraphQLApp
from cost_model_service.heap import freeze_startup_objects
from cost_model_service.jobs.queue import create_queue_pool
from cost_model_service.observability import metrics as metric_hooks
from cost_model_service.observability import tracing
from cost_model_service.observability.exposition import collect_queue
from cost_model_service.observability.exposition import metrics as metrics_endpoint
from cost_model_service.readiness import Readiness

log = logging.getLogger(__name__)

GRAPHQL_PATH = "/graphql"

# Room for the multipart framing and the other fields around the (at most two) files.
MULTIPART_OVERHEAD = 1024 * 1024
# analyzeArticle's two Upload arguments; analyzeArticles takes two per item.
MAX_FILES = 2


def upload_limits(settings: Settings) -> tuple[int, int]:
    """The most files and body bytes one multipart request may carry."""
    max_files = max(MAX_FILES, 2 * settings.batch_max_items)
    max_bytes = max(MAX_FILES * settings.max_upload_bytes, settings.batch_max_bytes)
    return max_files, max_bytes + MULTIPART_OVERHEAD


class App(Starlette):
    """Starlette, with a short way for WebSockets to /graphql: its stack (error and
    exception middleware, CORS, the router and the route) does nothing for a WebSocket
    but keeps a coroutine frame per layer for as long as the socket is open, ~3.5 KB a
    connection (tracemalloc, docs/PERFORMANCE.md). The request id is still set."""

    def __init__(self, *, graphql_socket: ASGIApp | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.graphql_socket = graphql_socket

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.graphql_socket is not None
            and scope["type"] == "websocket"
            and scope["path"] == GRAPHQL_PATH
            and not scope.get("root_path")
        ):
            scope["app"] = self
            await self.graphql_socket(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or get_settings()
    check_auth_settings(settings)
    if not settings.database_url or not settings.redis_url:
        raise RuntimeError("CMS_DATABASE_URL and CMS_REDIS_URL must be set (cms dev sets both)")
    origins = allowed_origins(settings)
    graphql = GraphQLApp(
        build_schema(settings),
        multipart_uploads_enabled=True,
        keep_alive=True,
        keep_alive_interval=15,
        connection_init_wait_timeout=timedelta(seconds=settings.ws_connection_init_timeout_seconds),
        graphql_ide="graphiql" if settings.graphiql_enabled else None,
        allowed_origins=sorted(origins),
    )
    max_files, max_body_bytes = upload_limits(settings)
    guarded = GraphQLHTTPGuards(
        graphql,
        max_body_bytes=max_body_bytes,
        max_files=max_files,
        max_file_bytes=settings.max_upload_bytes,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        engine = create_engine(settings.database_url or "")
        queue = await create_queue_pool(settings)
        # The broadcaster's own client: socket timeouts so a dead connection is noticed.
        redis = Redis.from_url(
            settings.redis_url or "", socket_connect_timeout=5, socket_keepalive=True
        )
        broadcaster = EventBroadcaster.from_settings(redis, settings)
        await broadcaster.start()
        sessionmaker = create_sessionmaker(engine)
        sockets = OpenSockets(sessionmaker, settings.ws_credentials_check_seconds)
        await sockets.start()
        graphql.services = AppServices(settings, sessionmaker, queue, broadcaster, sockets)
        app.state.services = graphql.services
        app.state.readiness = Readiness(engine, redis)
        metric_hooks.live_counts(lambda: len(sockets), broadcaster.subscriber_count)
        collect_queue(settings)
        freeze_startup_objects()
        log.info(
            "%s ready (%s, analyzer %s)",
            settings.project_name,
            settings.environment.value,
            settings.resolved_analyzer().value,
        )
        try:
            yield
        finally:
            await sockets.stop()
            await broadcaster.stop()
            await redis.aclose()
            await queue.aclose()
            await engine.dispose()

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def ready(request: Request) -> Response:
        report = await request.app.state.readiness.report()
        return JSONResponse(report.as_json(), status_code=200 if report.ready else 503)

    async def root(request: Request) -> Response:
        return RedirectResponse("/graphql")

    routes = [
        Route(GRAPHQL_PATH, guarded, methods=["GET", "POST"]),
        WebSocketRoute(GRAPHQL_PATH, graphql),
        Route("/health", health),
        Route("/ready", ready),
        Route("/metrics", metrics_endpoint),  # Prometheus (observability/exposition.py)
        Route("/", root),
    ]
    if settings.graphiql_enabled:  # GraphiQL's scripts and styles, served offline
        routes.append(Mount(graphiql_page.ASSETS_PATH, graphiql_page.assets_app()))
    traced = tracing.asgi_middleware()
    # WebSockets to /graphql skip Starlette's stack unless tracing wants to see them.
    return App(
        graphql_socket=None if traced else RequestIdMiddleware(graphql),
        routes=routes,
        lifespan=lifespan,
        # CORS outermost: refusals and errors answered further in carry its headers too,
        # so that a page on an allowed origin can read them.
        middleware=[
            # Tracing (when OTEL_* asks for it) outermost: a refused request is traced too.
            *([Middleware(traced)] if traced else []),
            cors_middleware(origins),
            Middleware(RequestIdMiddleware),
        ],
    )
