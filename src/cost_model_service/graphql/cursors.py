"""Opaque cursors for the newest-first article list."""

import base64
import uuid
from datetime import datetime

from cost_model_service.articles.schemas import ArticleCursor
from cost_model_service.errors import BadUserInput


def encode(cursor: ArticleCursor) -> str:
    raw = f"{cursor.created_at.isoformat()}|{cursor.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode(value: str) -> ArticleCursor:
    try:
        created_at, article_id = base64.urlsafe_b64decode(value.encode()).decode().split("|")
        return ArticleCursor(datetime.fromisoformat(created_at), uuid.UUID(article_id))
    except ValueError:
        raise BadUserInput(f"'{value}' is not a valid cursor") from None
