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
    """Too many calls of a costly operation in the current window; retry later. With
    `max_items`, the batch is larger than any window admits: waiting cannot help, send
    requests of at most that many articles."""

    code = "RATE_LIMITED"

    def __init__(
        self, message: str, retry_after_seconds: int, max_items: int | None = None
    ) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds
        self.max_items = max_items

    @property
    def extensions(self) -> dict[str, str | int]:  # type: ignore[override]
        extensions: dict[str, str | int] = {
            "code": self.code,
            "retryAfterSeconds": self.retry_after_seconds,
        }
        if self.max_items is not None:
            extensions["maxItems"] = self.max_items
        return extensions


class TooManyItems(BadUserInput):
    """More items in one analyzeArticles request than CMS_BATCH_MAX_ITEMS: send them in
    requests of at most `max_items`. Nothing was stored or counted. Still BAD_USER_INPUT
    (the code clients know); `extensions.maxItems` tells them how to split."""

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
