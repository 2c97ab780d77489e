"""The one place where errors become GraphQL errors with an `extensions.code`.

Domain errors (CMSError) carry their code and readable message through graphql-core.
Anything unexpected is masked as INTERNAL_SERVER_ERROR with the request id; the log keeps
the traceback under the same id. Every message is shortened here (errors.shorten), since
many quote what the client sent.
"""

import logging
import re

from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors

from cost_model_service.errors import CMSError, shorten
from cost_model_service.graphql.request_id import current_request_id
from cost_model_service.outages import is_outage as is_backing_service_outage

log = logging.getLogger(__name__)

VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
BAD_INPUT = "BAD_USER_INPUT"
INTERNAL = "INTERNAL_SERVER_ERROR"
MASKED_MESSAGE = "Internal server error"


# A database or Redis that cannot be reached is an outage, not a bug: say so, with a code
# clients can retry on.
UNAVAILABLE = "SERVICE_UNAVAILABLE"

# graphql-core's bare message when a document costs more to validate than it allows
# (overlapping fields compared pairwise past their budget, fragments nested too deeply).
_ABORTED = "Validation aborted."
ABORTED_MESSAGE = (
    "Validation aborted: the document is too costly to validate (too many "
    "overlapping fields or fragment spreads, or fragments nested too deeply)"
)

# graphql-core's " Did you mean 'articles'?" hints spell out the schema.
_SUGGESTION = re.compile(r" Did you mean .*\?$", re.DOTALL)


def is_outage(error: GraphQLError) -> bool:
    return is_backing_service_outage(error.original_error)


def is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, CMSError | GraphQLError)


class ErrorCodes(MaskErrors):
    def __init__(self, hide_suggestions: bool = False) -> None:
        super().__init__(should_mask_error=is_unexpected, error_message=MASKED_MESSAGE)
        # With introspection off, suggestions would hand out the schema piece by piece.
        self.hide_suggestions = hide_suggestions

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        if is_outage(error):
            masked.message = "a backing service is unavailable: try again shortly"
            masked.extensions = {"code": UNAVAILABLE}
        else:
            masked.extensions = {"code": INTERNAL}
        if request_id := current_request_id():
            masked.extensions["requestId"] = request_id
        return masked

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed = super()._process_errors(errors)
        for error in processed:
            error.message = ABORTED_MESSAGE if error.message == _ABORTED else shorten(error.message)
            if not (error.extensions or {}).get("code"):
                # No original error: graphql-core refused the request itself. As Apollo
                # does, bad variable values are the user's input, the rest the document's.
                code = BAD_INPUT if error.message.startswith("Variable '$") else VALIDATION_FAILED
                error.extensions = {**(error.extensions or {}), "code": code}
                if self.hide_suggestions:
                    error.message = _SUGGESTION.sub("", error.message)
        return processed

    def finalize(self, errors: list[GraphQLError] | None) -> list[GraphQLError] | None:
        """For errors that bypassed the extension: strawberry skips extensions' after-hooks
        when an exception escapes parsing or validation (e.g. a buggy validation rule)."""
        return self._process_errors(errors) if errors else errors


def log_errors(errors: list[GraphQLError]) -> None:
    """Expected errors are the client's business; unexpected ones are ours to read."""
    request_id = current_request_id()
    for error in errors:
        if is_outage(error):
            log.error(
                "backing service unavailable at %s (request %s): %s",
                error.path,
                request_id,
                error.original_error,
            )
        elif is_unexpected(error):
            log.error(
                "unexpected error at %s (request %s)",
                error.path,
                request_id,
                exc_info=error.original_error,
            )
