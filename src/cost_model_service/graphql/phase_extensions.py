"""strawberry's extensions that set something up in `on_operation`, doing it in the phase
that reads it instead.

An `on_operation` hook is a generator held, with its context manager, until the
operation ends: for a subscription, as long as it lasts (~0.5 KB each per subscription,
tracemalloc). The token limit is read by the parser and validation rules by validation,
and both phases end before a subscription's first result.
"""

from collections.abc import Iterator

from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension


class TokenLimit(SchemaExtension):
    """strawberry's MaxTokensLimiter, set when parsing starts (list it before
    ParsedDocuments, whose cache key holds the parse options)."""

    def __init__(self, max_token_count: int) -> None:
        self.max_token_count = max_token_count

    def on_parse(self) -> Iterator[None]:
        self.execution_context.parse_options["max_tokens"] = self.max_token_count
        yield


class RulesAtValidation(SchemaExtension):
    """strawberry's AddValidationRules, added when validation starts (list it before
    ValidateInThread, which validates in its own `on_validate`)."""

    def __init__(self, validation_rules: list[type[ASTValidationRule]]) -> None:
        self.validation_rules = validation_rules

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        context.validation_rules = context.validation_rules + tuple(self.validation_rules)
        yield


class NoIntrospection(RulesAtValidation):
    """strawberry's DisableIntrospection, as RulesAtValidation."""

    def __init__(self) -> None:
        super().__init__([NoSchemaIntrospectionCustomRule])
