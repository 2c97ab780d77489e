"""What every log line of a request or a job carries, in contextvars.

The API's RequestIdMiddleware sets the request id for the whole request (uvicorn's access
line included); a worker sets the job's id and try when arq starts the job (its own
`→`/`←` lines included) and the ids among the job's arguments (`article_id`) when the
job's body starts. asyncio copies contextvars into tasks, so what a job starts inherits
them; each arq job runs in its own task, so jobs never see each other's.
"""

from contextvars import ContextVar
from typing import Any

REQUEST_ID: ContextVar[str | None] = ContextVar("cms_request_id", default=None)
_FIELDS: ContextVar[dict[str, Any] | None] = ContextVar("cms_log_fields", default=None)


def current_request_id() -> str | None:
    return REQUEST_ID.get()


def bind(**fields: Any) -> None:
    """Add fields to every log line from here on in this context (and tasks it starts)."""
    _FIELDS.set({**(_FIELDS.get() or {}), **fields})


def fields() -> dict[str, Any]:
    """The current context's fields, the request id first when there is one."""
    request_id = REQUEST_ID.get()
    bound = _FIELDS.get() or {}
    return {"request_id": request_id, **bound} if request_id else dict(bound)
