"""Opaque cursors for the newest-first article list."""

import base64
import uuid
from datetime import UTC, datetime

from cost_model_service.articles.schemas import ArticleCursor
from cost_model_service.errors import BadUserInput

# Ours are about 80 characters; anything much longer was not made by encode().
MAX_CURSOR_CHARS = 200


def encode(cursor: ArticleCursor) -> str:
    raw = f"{cursor.created_at.isoformat()}|{cursor.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode(value: str) -> ArticleCursor:
    """The position a cursor names, or BadUserInput for anything encode() did not make:
    not base64, not text, not 'time|id', a time without a zone, or one that cannot be
    moved to UTC (year 1 at +14:00), which PostgreSQL would refuse as out of range."""
    try:
        if len(value) > MAX_CURSOR_CHARS:
            raise ValueError("too long")
        created_at, article_id = base64.urlsafe_b64decode(value.encode()).decode().split("|")
        moment = datetime.fromisoformat(created_at)
        if moment.tzinfo is None:
            raise ValueError("no time zone")
        return ArticleCursor(moment.astimezone(UTC), uuid.UUID(article_id))
    except (ValueError, OverflowError):
        raise BadUserInput(f"'{value}' is not a valid cursor") from None
