"""Every string a client sends is checked before anything runs: bounded in length, and
storable (PostgreSQL text holds no NUL, and UTF-8 no unpaired surrogate, which JSON's
\\u escapes can carry). Both used to reach an INSERT and come back as an internal error.

One check for the class, not one per field: variables (at any depth) and string literals
in the document alike, for queries, mutations and subscriptions. Fields keep their own,
tighter limits (articleName 255 characters, description 4000).
"""

from collections.abc import Iterator
from typing import Any

from graphql import DocumentNode, GraphQLError, StringValueNode, Visitor, visit
from strawberry.extensions import SchemaExtension

from cost_model_service.errors import BadUserInput

MAX_STRING_CHARS = 10_000


def problem_with(text: str) -> str | None:
    if len(text) > MAX_STRING_CHARS:
        return f"is longer than {MAX_STRING_CHARS} characters"
    if "\x00" in text:
        return "contains a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode text (an unpaired surrogate)"
    return None


def _strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value, keys included, without recursion."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


class _Literals(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.error: GraphQLError | None = None

    def enter_string_value(self, node: StringValueNode, *_: Any) -> Any:
        problem = problem_with(node.value)
        if problem is not None and self.error is None:
            refused = BadUserInput(f"a string in the document {problem}")
            self.error = GraphQLError(refused.message, node, original_error=refused)
            return self.BREAK
        return None


def check_strings(document: DocumentNode, variables: dict[str, Any]) -> None:
    for name, value in variables.items():
        for text in _strings([name, value]):
            if (problem := problem_with(text)) is not None:
                raise BadUserInput(f"variable ${name}: a string {problem}")
    literals = _Literals()
    visit(document, literals)
    if literals.error is not None:
        raise literals.error


class StringInputs(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None:
            check_strings(context.graphql_document, context.variables or {})
        yield
