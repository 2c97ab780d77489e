"""The strawberry ASGI view: authenticates, builds each request's context, and answers in
GraphQL's shape; serves our offline GraphiQL page and automatic persisted queries."""

import json
import logging
from functools import cached_property, partial
from typing import Any

from cross_web import HTTPException
from graphql.error import GraphQLError
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLRequestData
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UnsetType

from cost_model_service.auth.principal import Principal
from cost_model_service.auth.service import Unauthenticated, authenticate
from cost_model_service.auth.tokens import TokenVerifier
from cost_model_service.graphql import json_limits
from cost_model_service.graphql.context import AppServices, Context
from cost_model_service.graphql.graphiql import page as graphiql_page
from cost_model_service.graphql.http_guards import graphql_error_response
from cost_model_service.graphql.persisted_queries import PersistedQueries, PersistedQueryError
from cost_model_service.graphql.websockets import Adapter, LegacyWSHandler, TransportWSHandler
from cost_model_service.outages import is_outage

log = logging.getLogger(__name__)

UNAVAILABLE_MESSAGE = "a backing service is unavailable: try again shortly"
SUBSCRIPTIONS_NEED_WEBSOCKET = (
    "subscriptions are served over WebSocket only: connect to this endpoint with "
    "graphql-transport-ws (or the legacy graphql-ws) and subscribe there; over HTTP, poll "
    "the articleStatus query"
)


class GraphQLApp(GraphQL[Context, None]):
    services: AppServices
    websocket_adapter_class = Adapter
    graphql_transport_ws_handler_class = TransportWSHandler
    graphql_ws_handler_class = LegacyWSHandler

    @cached_property
    def verifier(self) -> TokenVerifier:
        return TokenVerifier(self.services.settings)

    async def _authenticate(self, header: str | None) -> Principal:
        async with self.services.sessionmaker() as session:
            return await authenticate(session, self.services.settings, self.verifier, header)

    def decode_json(self, data: str | bytes) -> object:
        # HTTP bodies, GET variables and WebSocket messages alike.
        return json_limits.loads(data)

    def parse_json(self, data: str | bytes) -> Any:
        try:
            return self.decode_json(data)
        except json.JSONDecodeError as error:
            raise HTTPException(400, f"Unable to parse request body as JSON: {error}") from None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            # The GraphiQL page itself is public; every operation is not.
            if not _wants_graphiql(request):
                header = request.headers.get("authorization")
                request.state.principal = await self._authenticate(header)
            response = await self.run(request)
        except Unauthenticated as error:
            response = graphql_error_response(401, error.message, error.code)
        except HTTPException as error:
            # strawberry answers malformed requests in plain text; clients expect GraphQL's.
            message = (
                SUBSCRIPTIONS_NEED_WEBSOCKET if _is_subscription_refusal(error) else error.reason
            )
            response = graphql_error_response(error.status_code, message, "BAD_REQUEST")
        except Exception as error:
            if not is_outage(error):
                raise
            log.error("authentication failed: backing service unavailable: %r", error)
            response = graphql_error_response(503, UNAVAILABLE_MESSAGE, "SERVICE_UNAVAILABLE")
        await response(scope, receive, send)

    async def render_graphql_ide(self, request: Request) -> Response:
        auth_required = self.services.settings.requires_auth
        return HTMLResponse(graphiql_page.render(auth_required=auth_required))

    def should_render_graphql_ide(self, request: Any) -> bool:
        # A GET carrying only a persisted query's hash is an operation, not a page visit.
        return super().should_render_graphql_ide(request) and (
            "extensions" not in request.query_params
        )

    @cached_property
    def persisted_queries(self) -> PersistedQueries:
        settings = self.services.settings
        return PersistedQueries(
            self.services.queue, settings.redis_prefix, settings.apq_ttl_seconds
        )

    async def execute_operation(  # type: ignore[override]
        self,
        *,
        request: Request,
        request_data: GraphQLRequestData | list[GraphQLRequestData],
        sub_response: Response,
        **kwargs: Any,
    ) -> Any:
        """Automatic persisted queries: a hash alone runs the query stored under it; a query
        sent with its hash is stored once it has passed validation."""
        if isinstance(request_data, list):  # batching is off: strawberry refuses lists
            return await super().execute_operation(
                request=request, request_data=request_data, sub_response=sub_response, **kwargs
            )
        try:
            request_data, digest = await self.persisted_queries.resolve(request_data)
        except PersistedQueryError as error:
            # Not to be cached by any proxy: the same GET succeeds once the query is stored.
            sub_response.headers["cache-control"] = "private, no-cache, must-revalidate"
            sub_response.status_code = error.status
            return PreExecutionError(
                data=None, errors=[GraphQLError(error.message, extensions={"code": error.code})]
            )
        result = await super().execute_operation(
            request=request, request_data=request_data, sub_response=sub_response, **kwargs
        )
        if (
            digest
            and request_data.query
            and isinstance(result, ExecutionResult)
            and not isinstance(result, PreExecutionError)
        ):
            await self.persisted_queries.remember(digest, request_data.query)
        return result

    async def get_context(self, request: Request | WebSocket, response: object) -> Context:
        principal = getattr(request.state, "principal", None)
        return Context(
            request=request,
            response=response,  # type: ignore[arg-type]
            services=self.services,
            principal_or_none=principal,
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """Checked before any operation starts: Apollo sends its connectionParams
        ({authorization: "Bearer ..."}) in connection_init; an upgrade header also works.
        Every operation checks the same credentials again (CMSSchema.stream)."""
        params = context.connection_params or {}
        header = params.get("authorization") or params.get("Authorization")
        if header is None:
            header = context.request.headers.get("authorization")
        credentials = header if isinstance(header, str) else None
        context.authenticate = partial(self._authenticate, credentials)
        try:
            context.principal_or_none = await self._authenticate(credentials)
        except Unauthenticated as error:
            raise ConnectionRejectionError(
                {"message": error.message, "extensions": {"code": error.code}}
            ) from None
        except Exception as error:
            if not is_outage(error):
                raise
            log.error("authentication failed: backing service unavailable: %r", error)
            raise ConnectionRejectionError(
                {"message": UNAVAILABLE_MESSAGE, "extensions": {"code": "SERVICE_UNAVAILABLE"}}
            ) from None
        return None  # accepted, no payload in connection_ack


def _wants_graphiql(request: Request) -> bool:
    return request.method == "GET" and "text/html" in request.headers.get("accept", "")


def _is_subscription_refusal(error: HTTPException) -> bool:
    cause = error.__cause__
    return (
        isinstance(cause, InvalidOperationTypeError)
        and cause.operation_type is OperationType.SUBSCRIPTION
    )
