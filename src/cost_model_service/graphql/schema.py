"""The GraphQL schema; `cms export-schema` prints it into schema.graphql.

`build_schema(settings)` adds the request limits the settings ask for; the module-level
`schema` (the published contract, and what export-schema prints) has the defaults.
"""

from collections.abc import AsyncGenerator, Callable
from contextlib import aclosing
from functools import partial
from typing import Any

from graphql.error import GraphQLError
from strawberry import Schema
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    SchemaExtension,
)
from strawberry.tools import merge_types
from strawberry.types import ExecutionResult
from strawberry.types.execution import ExecutionContext, PreExecutionError

from cost_model_service.config import Settings
from cost_model_service.graphql.errors import ErrorCodes, log_errors
from cost_model_service.graphql.limits import QueryDepthLimit
from cost_model_service.graphql.mutations import Mutation
from cost_model_service.graphql.pricing_mutations import PricingMutation
from cost_model_service.graphql.pricing_queries import PricingQuery
from cost_model_service.graphql.queries import Query
from cost_model_service.graphql.root_fields import SerialRootQueryFields
from cost_model_service.graphql.subscriptions import Subscription
from cost_model_service.graphql.uploads import UploadsOnlyInUploadVariables


class CMSSchema(Schema):
    error_codes: ErrorCodes

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_errors(errors)

    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        result = await super().execute(*args, **kwargs)
        result.errors = self.error_codes.finalize(result.errors)
        return result

    async def stream(self, *args: Any, **kwargs: Any) -> AsyncGenerator[Any, None]:
        # Subscriptions: the same safety net for each result sent over the socket.
        return self._finalized(await super().stream(*args, **kwargs))

    async def _finalized(self, results: AsyncGenerator[Any, None]) -> AsyncGenerator[Any, None]:
        async with aclosing(results):
            try:
                async for result in results:
                    if isinstance(getattr(result, "errors", None), list):
                        result.errors = self.error_codes.finalize(result.errors)
                    yield result
            except Exception as exc:
                # Unlike execute(), strawberry lets these escape a stream: answer them
                # masked (the socket would otherwise just see the operation complete).
                error = GraphQLError(str(exc), original_error=exc)
                log_errors([error])
                yield PreExecutionError(data=None, errors=self.error_codes.finalize([error]))


def build_schema(settings: Settings) -> CMSSchema:
    hide_suggestions = not settings.introspection_enabled
    # Factories, not instances: strawberry makes fresh extensions for every operation.
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        partial(ErrorCodes, hide_suggestions=hide_suggestions),
        partial(QueryDepthLimit, max_depth=settings.graphql_max_depth),
        partial(MaxTokensLimiter, max_token_count=settings.graphql_max_tokens),
        partial(MaxAliasesLimiter, max_alias_count=settings.graphql_max_aliases),
        UploadsOnlyInUploadVariables,
        SerialRootQueryFields,
    ]
    if not settings.introspection_enabled:
        extensions.append(DisableIntrospection)
    built = CMSSchema(query=merge_types("Query", (Query, PricingQuery)),
                      mutation=merge_types("Mutation", (Mutation, PricingMutation)),
                      subscription=Subscription, extensions=extensions)
    built.error_codes = ErrorCodes(hide_suggestions=hide_suggestions)
    return built


# Defaults only, not the environment: the printed contract must not depend on it.
schema = build_schema(Settings.model_construct())
