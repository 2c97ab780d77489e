"""The GraphQL schema; `cms export-schema` prints it into schema.graphql.

`build_schema(settings)` adds the request limits the settings ask for; the module-level
`schema` (the published contract, and what export-schema prints) has the defaults.

Every operation passes through here, whatever carries it: execute() for HTTP, stream()
for both WebSocket protocols. So this is where an operation gets its own context (its
session, closed when it ends) and where a WebSocket's credentials are checked again.
"""

from collections.abc import AsyncGenerator, Callable, Iterable
from contextlib import aclosing
from functools import partial
from typing import Any

import strawberry
from graphql.error import GraphQLError
from strawberry import Schema
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import DEFAULT_ALLOWED_OPERATION_TYPES
from strawberry.types import ExecutionResult
from strawberry.types.execution import ExecutionContext, PreExecutionError
from strawberry.types.graphql import OperationType

from cost_model_service.auth.service import Unauthenticated
from cost_model_service.config import Settings
from cost_model_service.graphql.batch_mutations import BatchMutation
from cost_model_service.graphql.batch_queries import BatchQuery, BatchSubscription
from cost_model_service.graphql.context import Context
from cost_model_service.graphql.errors import ErrorCodes, log_errors
from cost_model_service.graphql.inputs import StringInputs
from cost_model_service.graphql.limits import DocumentLimits
from cost_model_service.graphql.mutations import Mutation
from cost_model_service.graphql.operation_metrics import OperationMetrics
from cost_model_service.graphql.phase_extensions import NoIntrospection, TokenLimit
from cost_model_service.graphql.pricing_mutations import PricingMutation
from cost_model_service.graphql.pricing_queries import PricingQuery
from cost_model_service.graphql.queries import Query
from cost_model_service.graphql.subscriptions import Subscription
from cost_model_service.graphql.uploads import UploadsOnlyInUploadVariables
from cost_model_service.graphql.validation import ParsedDocuments, ValidateInThread
from cost_model_service.observability import tracing


class CMSSchema(Schema):
    error_codes: ErrorCodes

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_errors(errors)

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        # One result per call: a subscription resolved here ended in "Cannot return null"
        # (an internal error). Refused instead; the HTTP view says where to subscribe.
        allowed = set(allowed_operation_types or DEFAULT_ALLOWED_OPERATION_TYPES)
        allowed.discard(OperationType.SUBSCRIPTION)
        try:
            result = await super().execute(
                query,
                variable_values,
                context_value,
                root_value,
                operation_name,
                allowed,
                operation_extensions,
            )
        finally:
            if isinstance(context_value, Context):
                await context_value.close()
        result.errors = self.error_codes.finalize(result.errors)
        return result

    async def subscribe(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> AsyncGenerator[Any, None]:
        """strawberry's legacy graphql-ws handler sends every `start` here, which admits
        subscriptions only; the protocol carries queries and mutations too: run them."""
        return await self.stream(
            query, variable_values, context_value, root_value, operation_name, operation_extensions
        )

    async def stream(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        operation_extensions: dict[str, Any] | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
    ) -> AsyncGenerator[Any, None]:
        if isinstance(context_value, Context):
            context_value = context_value.for_operation()
        results = await super().stream(
            query,
            variable_values,
            context_value,
            root_value,
            operation_name,
            operation_extensions,
            allowed_operation_types,
        )
        return self._operation(results, context_value)

    async def _operation(
        self, results: AsyncGenerator[Any, None], context: Any
    ) -> AsyncGenerator[Any, None]:
        """One WebSocket operation: credentials checked first, the same safety net for each
        result as execute() has, and the operation's session closed at the end."""
        async with aclosing(results):
            try:
                if isinstance(context, Context):
                    await context.reauthenticate()
                async for result in results:
                    if isinstance(getattr(result, "errors", None), list):
                        result.errors = self.error_codes.finalize(result.errors)
                    yield result
            except Unauthenticated as refused:
                # The socket's key was revoked or its token expired: this operation is
                # refused, and the sweep closes every socket with these credentials now
                # (woken first: the consumer may close this generator at the yield).
                context.services.sockets.check_soon()
                error = GraphQLError(refused.message, original_error=refused)
                yield PreExecutionError(data=None, errors=self.error_codes.finalize([error]))
            except Exception as exc:
                # Unlike execute(), strawberry lets these escape a stream: answer them
                # masked (the socket would otherwise just see the operation complete).
                error = GraphQLError(str(exc), original_error=exc)
                log_errors([error])
                yield PreExecutionError(data=None, errors=self.error_codes.finalize([error]))
            finally:
                if isinstance(context, Context):
                    await context.close()


# The root types: each concern's fields (articles, pricing) in one Query and one Mutation.
@strawberry.type(
    name="Query",
    description="Reading the caller's tenant's data: articles and "
    "their status, index series, bindings, price alerts; and the shared cost "
    "index catalogue.",
)
class RootQuery(Query, PricingQuery, BatchQuery):
    pass


@strawberry.type(
    name="Mutation",
    description="Starting analyses; importing index series, "
    "binding them, editing cost models, recording prices and alerts.",
)
class RootMutation(Mutation, PricingMutation, BatchMutation):
    pass


@strawberry.type(
    name="Subscription",
    description="Live updates over WebSocket "
    "(graphql-transport-ws or the legacy graphql-ws): an article's status, a "
    "batch's progress.",
)
class RootSubscription(Subscription, BatchSubscription):
    pass


def build_schema(settings: Settings) -> CMSSchema:
    hide_suggestions = not settings.introspection_enabled
    # Factories, not instances: strawberry makes fresh extensions for every operation.
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        OperationMetrics,  # first: its timing spans the others' work
        partial(ErrorCodes, hide_suggestions=hide_suggestions),
        partial(
            DocumentLimits,
            max_depth=settings.graphql_max_depth,
            max_aliases=settings.graphql_max_aliases,
        ),
        partial(TokenLimit, max_token_count=settings.graphql_max_tokens),
        # After the token limit: parsed documents by text and parse options, the limit
        # among them; a document over it fails to parse every time.
        ParsedDocuments,
        UploadsOnlyInUploadVariables,
        StringInputs,
    ]
    if not settings.introspection_enabled:
        extensions.append(NoIntrospection)
    extensions.append(ValidateInThread)
    if traced := tracing.graphql_extension():  # only with OTEL_* set (observability/tracing)
        extensions.append(traced)
    built = CMSSchema(
        query=RootQuery, mutation=RootMutation, subscription=RootSubscription, extensions=extensions
    )
    built.error_codes = ErrorCodes(hide_suggestions=hide_suggestions)
    return built


# Defaults only, not the environment: the printed contract must not depend on it.
schema = build_schema(Settings.model_construct())
