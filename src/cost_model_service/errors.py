"""Typed domain errors. Each carries the code clients see in a GraphQL error's
`extensions.code`; the GraphQL layer turns them into errors in one place."""


class CMSError(Exception):
    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def extensions(self) -> dict[str, str]:
        # graphql-core copies `original_error.extensions` into the GraphQL error.
        return {"code": self.code}


class BadUserInput(CMSError):
    code = "BAD_USER_INPUT"


class NotFound(CMSError):
    code = "NOT_FOUND"


class PayloadTooLarge(CMSError):
    code = "PAYLOAD_TOO_LARGE"


class ServiceUnavailable(CMSError):
    """A backing service (PostgreSQL, Redis) cannot be reached right now."""

    code = "SERVICE_UNAVAILABLE"


class RateLimited(CMSError):
    """Too many calls of a costly operation in the current window; retry later."""

    code = "RATE_LIMITED"

    def __init__(self, message: str, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds

    @property
    def extensions(self) -> dict[str, str | int]:  # type: ignore[override]
        return {"code": self.code, "retryAfterSeconds": self.retry_after_seconds}


class BatchTooLarge(CMSError):
    """More articles in one request than it may ever carry (CMS_BATCH_MAX_ITEMS, or more
    than the rate limit admits in one window): send them in requests of at most
    `max_items`. Nothing was stored or counted."""

    code = "BATCH_TOO_LARGE"

    def __init__(self, message: str, max_items: int) -> None:
        super().__init__(message)
        self.max_items = max_items

    @property
    def extensions(self) -> dict[str, str | int]:  # type: ignore[override]
        return {"code": self.code, "maxItems": self.max_items}


# Messages may quote what the client sent (an id, a cursor, a name in the document); a
# client that sent megabytes must not get them back, nor fill the logs with them.
MAX_MESSAGE_CHARS = 300


def shorten(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """At most about `limit` characters: the start and the end (where the reason usually
    stands) kept, the middle replaced by a note of how much was left out."""
    if len(text) <= limit:
        return text
    head, tail = limit * 2 // 3, limit // 4
    return f"{text[:head]}…[{len(text) - head - tail} characters omitted]…{text[-tail:]}"
