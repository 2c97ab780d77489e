"""The GraphQL schema; `cms export-schema` prints it into schema.graphql."""

from graphql.error import GraphQLError
from strawberry import Schema
from strawberry.types.execution import ExecutionContext

from cost_model_service.graphql.errors import ErrorCodes, log_errors
from cost_model_service.graphql.mutations import Mutation
from cost_model_service.graphql.queries import Query
from cost_model_service.graphql.subscriptions import Subscription


class CMSSchema(Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_errors(errors)


schema = CMSSchema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    extensions=[ErrorCodes],
)
