"""Reading uploaded files into memory, refusing a file as soon as it passes the limit, and
refusing uploads that say one thing and are another."""

import unicodedata
from collections.abc import Iterator
from typing import Any

from graphql import (
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLScalarType,
    get_nullable_type,
    get_operation_ast,
    is_input_type,
)
from graphql.utilities import type_from_ast
from starlette.datastructures import UploadFile
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from cost_model_service.articles.models import FileKind
from cost_model_service.articles.schemas import NewFile
from cost_model_service.errors import BadUserInput, PayloadTooLarge
from cost_model_service.graphql.sniff import check_declared_type
from cost_model_service.observability import metrics

CHUNK = 256 * 1024
MAX_FILENAME_CHARS = 120
MAX_CONTENT_TYPE_CHARS = 255  # the column's width


async def read_upload(upload: object, kind: FileKind, field: str, limit: int) -> NewFile:
    if not isinstance(upload, UploadFile):
        raise BadUserInput(f"{field} must be a file upload")
    chunks: list[bytes] = []
    size = 0
    while chunk := await upload.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"{field} is larger than the limit of {limit} bytes")
        chunks.append(chunk)
    if size == 0:
        raise BadUserInput(f"{field} is empty")
    data = b"".join(chunks)
    content_type = _content_type(field, upload.content_type)
    check_declared_type(field, content_type, data)
    metrics.upload_accepted(kind.value, size)
    return NewFile(
        kind=kind,
        filename=sanitize_filename(upload.filename, field),
        content_type=content_type,
        data=data,
    )


def _content_type(field: str, declared: str | None) -> str | None:
    """The part's Content-Type header as stored: printable ASCII (what RFC 9110 allows
    a media type to be) and no wider than its column; None when absent."""
    value = (declared or "").strip()
    if len(value) > MAX_CONTENT_TYPE_CHARS:
        raise BadUserInput(
            f"the content type of {field} is longer than {MAX_CONTENT_TYPE_CHARS} characters"
        )
    if not all(" " <= char <= "~" for char in value):
        raise BadUserInput(f"the content type of {field} holds characters it cannot hold")
    return value or None


def sanitize_filename(raw: str | None, fallback: str) -> str:
    """A readable base name: no directories (either slash), no control or format characters
    (these include the right-to-left override that disguises 'gpj.exe' as 'exe.jpg'), no
    leading dots, at most MAX_FILENAME_CHARS with the extension kept; never empty."""
    name = unicodedata.normalize("NFC", raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(_readable(c) for c in name)
    name = " ".join(name.split()).lstrip(". ")
    if len(name) > MAX_FILENAME_CHARS:
        stem, dot, suffix = name.rpartition(".")
        if dot and 0 < len(suffix) <= 10:
            name = stem[: MAX_FILENAME_CHARS - len(suffix) - 1].rstrip() + "." + suffix
        else:
            name = name[:MAX_FILENAME_CHARS].rstrip()
    return name or fallback


def _readable(char: str) -> str:
    if char.isspace():  # tabs, line breaks, no-break spaces: one plain space
        return " "
    return "" if unicodedata.category(char).startswith("C") else char


class UploadsOnlyInUploadVariables(SchemaExtension):
    """A multipart request's `map` may place a file anywhere in the variables. graphql-core
    would silently drop a file in an undeclared variable (or an input field that does not
    exist) and answer a file in a String with the object's repr; refuse both with a clear
    message before anything executes. Files may stand where an Upload is declared, at
    any depth (`$items: [ArticleUploadInput!]!` holds them in its Upload fields)."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.variables:
            misplaced = self._misplaced(context.variables)
            if misplaced:
                names = ", ".join(f"${name}" for name in misplaced)
                error = BadUserInput(f"files can only be sent in Upload variables, not in {names}")
                context.result = ExecutionResult(
                    data=None,
                    errors=[
                        GraphQLError(
                            error.message, original_error=error, extensions=error.extensions
                        )
                    ],
                )
        yield

    def _misplaced(self, variables: dict[str, Any]) -> list[str]:
        context = self.execution_context
        operation = get_operation_ast(context.graphql_document, context.operation_name)  # type: ignore[arg-type]
        # A shorthand query ({ ... }) has no variable definitions at all (None).
        definitions = (operation.variable_definitions if operation else None) or ()
        declared = {d.variable.name.value: d.type for d in definitions}
        schema = context.schema._schema
        misplaced = []
        for name, value in variables.items():
            if not _holds_file(value):
                continue
            node = declared.get(name)
            graphql_type = type_from_ast(schema, node) if node is not None else None
            if not is_input_type(graphql_type) or not _files_fit(graphql_type, value):
                misplaced.append(name)
        return misplaced


def _files_fit(graphql_type: GraphQLInputType, value: object) -> bool:
    """Whether every file in `value` stands where `graphql_type` declares an Upload (a list
    of inputs, an input object's Upload fields: analyzeArticles' items)."""
    named = get_nullable_type(graphql_type)
    if isinstance(value, UploadFile):
        return isinstance(named, GraphQLScalarType) and named.name == "Upload"
    if isinstance(named, GraphQLList):
        items = value if isinstance(value, list) else [value]
        return all(_files_fit(named.of_type, item) for item in items)
    if isinstance(named, GraphQLInputObjectType) and isinstance(value, dict):
        fields = named.fields
        return all(
            key in fields and _files_fit(fields[key].type, item)
            for key, item in value.items()
            if _holds_file(item)
        )
    return not _holds_file(value)


def _holds_file(value: object) -> bool:
    if isinstance(value, UploadFile):
        return True
    if isinstance(value, dict):
        return any(_holds_file(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_file(v) for v in value)
    return False
