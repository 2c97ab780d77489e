"""The ASGI application: GraphQL over HTTP and WebSocket at /graphql, plus /health."""

import contextlib
import logging
from collections.abc import AsyncIterator

from redis.asyncio import Redis
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route, WebSocketRoute

from cost_model_service.auth.startup import check_auth_settings
from cost_model_service.config import Settings, get_settings
from cost_model_service.db import create_engine, create_sessionmaker
from cost_model_service.events.broadcaster import EventBroadcaster
from cost_model_service.graphql.context import AppServices
from cost_model_service.graphql.http_guards import GraphQLHTTPGuards
from cost_model_service.graphql.request_id import RequestIdMiddleware
from cost_model_service.graphql.schema import build_schema
from cost_model_service.graphql.view import GraphQLApp
from cost_model_service.jobs.queue import create_queue_pool

log = logging.getLogger(__name__)

# Room for the multipart framing and the other fields around the (at most two) files.
MULTIPART_OVERHEAD = 1024 * 1024
# analyzeArticle's two Upload arguments: a request never needs more files than that.
MAX_FILES = 2


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or get_settings()
    check_auth_settings(settings)
    if not settings.database_url or not settings.redis_url:
        raise RuntimeError("CMS_DATABASE_URL and CMS_REDIS_URL must be set (cms dev sets both)")
    graphql = GraphQLApp(build_schema(settings), multipart_uploads_enabled=True,
                         keep_alive=True, keep_alive_interval=15,
                         graphql_ide="graphiql" if settings.graphiql_enabled else None)
    guarded = GraphQLHTTPGuards(
        graphql, max_body_bytes=MAX_FILES * settings.max_upload_bytes + MULTIPART_OVERHEAD,
        max_files=MAX_FILES,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        engine = create_engine(settings.database_url or "")
        queue = await create_queue_pool(settings)
        # The broadcaster's own client: socket timeouts so a dead connection is noticed.
        redis = Redis.from_url(settings.redis_url or "", socket_connect_timeout=5,
                               socket_keepalive=True)
        broadcaster = EventBroadcaster.from_settings(redis, settings)
        await broadcaster.start()
        graphql.services = AppServices(settings, create_sessionmaker(engine), queue, broadcaster)
        app.state.services = graphql.services
        log.info("%s ready (%s, analyzer %s)", settings.project_name, settings.environment.value,
                 settings.resolved_analyzer().value)
        try:
            yield
        finally:
            await broadcaster.stop()
            await redis.aclose()
            await queue.aclose()
            await engine.dispose()

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def root(request: Request) -> Response:
        return RedirectResponse("/graphql")

    return Starlette(
        routes=[
            Route("/graphql", guarded, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            Route("/health", health),
            Route("/", root),
        ],
        lifespan=lifespan,
        middleware=[Middleware(RequestIdMiddleware)],
    )
