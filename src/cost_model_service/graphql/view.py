"""The strawberry ASGI view: builds each request's context, answers in GraphQL's shape."""

from cross_web import HTTPException
from starlette.requests import Request
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from cost_model_service.graphql.context import AppServices, Context
from cost_model_service.graphql.http_guards import graphql_error_response


class GraphQLApp(GraphQL[Context, None]):
    services: AppServices

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        # strawberry answers malformed requests in plain text; clients expect GraphQL's shape.
        try:
            response = await self.run(Request(scope, receive))
        except HTTPException as error:
            response = graphql_error_response(error.status_code, error.reason, "BAD_REQUEST")
        await response(scope, receive, send)

    async def get_context(self, request: Request | WebSocket, response: object) -> Context:
        return Context(request=request, response=response, services=self.services)  # type: ignore[arg-type]
