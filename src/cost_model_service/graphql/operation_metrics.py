"""Counts and times every GraphQL operation (`cms_graphql_operations_total`,
`cms_graphql_operation_duration_seconds`), whatever carries it (HTTP, either WebSocket
protocol).

The `operation` label is the operation's root field (`analyzeArticle`), `multiple` when it
selects several, `invalid` when it names none the schema has (or did not parse): the
client's own operation name is unbounded, and each label value is a time series. The
outcome is `ok` or the first error's code (`BAD_USER_INPUT`, `INTERNAL_SERVER_ERROR`...).
"""

import time
from collections.abc import Iterator

from graphql import FieldNode, GraphQLError, GraphQLObjectType, OperationDefinitionNode
from strawberry.extensions import SchemaExtension

from cost_model_service.errors import CMSError
from cost_model_service.graphql.errors import (
    BAD_INPUT,
    INTERNAL,
    UNAVAILABLE,
    VALIDATION_FAILED,
    is_outage,
    is_unexpected,
)
from cost_model_service.observability import metrics

_INTROSPECTION = {"__schema", "__type", "__typename"}


class OperationMetrics(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        kind, operation = self._operation()
        seconds = None if kind == "subscription" else time.perf_counter() - started
        metrics.graphql_operation(operation, kind, self._outcome(), seconds)

    def _operation(self) -> tuple[str, str]:
        context = self.execution_context
        document = context.graphql_document
        if document is None:
            return "unknown", "invalid"
        wanted = context.operation_name
        definition = next(
            (
                d
                for d in document.definitions
                if isinstance(d, OperationDefinitionNode)
                and (wanted is None or (d.name and d.name.value == wanted))
            ),
            None,
        )
        if definition is None:
            return "unknown", "invalid"
        kind = definition.operation.value
        root = context.schema._schema.get_root_type(definition.operation)
        names = {
            s.name.value for s in definition.selection_set.selections if isinstance(s, FieldNode)
        }
        if len(names) > 1:
            return kind, "multiple"
        name = next(iter(names), "")
        known = isinstance(root, GraphQLObjectType) and name in root.fields
        return kind, name if known or name in _INTROSPECTION else "invalid"

    def _outcome(self) -> str:
        context = self.execution_context
        errors = context.pre_execution_errors or (
            context.result.errors if context.result is not None else None
        )
        return error_code(errors[0]) if errors else "ok"


def error_code(error: GraphQLError) -> str:
    """The code the client will see (errors.py sets it on the way out, after this runs)."""
    if code := (error.extensions or {}).get("code"):
        return str(code)
    if isinstance(error.original_error, CMSError):
        return error.original_error.code
    if is_outage(error):
        return UNAVAILABLE
    if is_unexpected(error):
        return INTERNAL
    return BAD_INPUT if error.message.startswith("Variable '$") else VALIDATION_FAILED
