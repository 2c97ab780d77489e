"""The one place where errors become GraphQL errors with an `extensions.code`.

Domain errors (CMSError) carry their code and readable message through graphql-core.
Anything unexpected is masked as INTERNAL_SERVER_ERROR; the log keeps the traceback.
"""

import logging

from graphql.error import GraphQLError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import InterfaceError, OperationalError
from strawberry.extensions import MaskErrors

from cost_model_service.errors import CMSError

log = logging.getLogger(__name__)

VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
BAD_INPUT = "BAD_USER_INPUT"
INTERNAL = "INTERNAL_SERVER_ERROR"


# A database or Redis that cannot be reached is an outage, not a bug: say so, with a code
# clients can retry on.
OUTAGES = (OperationalError, InterfaceError, TimeoutError, ConnectionError, RedisConnectionError,
           RedisTimeoutError, OSError)
UNAVAILABLE = "SERVICE_UNAVAILABLE"


def is_outage(error: GraphQLError) -> bool:
    return isinstance(error.original_error, OUTAGES)


def is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, CMSError | GraphQLError)


class ErrorCodes(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected, error_message="Internal server error")

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        if is_outage(error):
            masked.message = "a backing service is unavailable: try again shortly"
            masked.extensions = {"code": UNAVAILABLE}
        else:
            masked.extensions = {"code": INTERNAL}
        return masked

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed = super()._process_errors(errors)
        for error in processed:
            if not (error.extensions or {}).get("code"):
                # No original error: graphql-core refused the request itself. As Apollo
                # does, bad variable values are the user's input, the rest the document's.
                code = BAD_INPUT if error.message.startswith("Variable '$") else VALIDATION_FAILED
                error.extensions = {**(error.extensions or {}), "code": code}
        return processed


def log_errors(errors: list[GraphQLError]) -> None:
    """Expected errors are the client's business; unexpected ones are ours to read."""
    for error in errors:
        if is_outage(error):
            log.error("backing service unavailable at %s: %s", error.path, error.original_error)
        elif is_unexpected(error):
            log.error("unexpected error at %s", error.path, exc_info=error.original_error)
