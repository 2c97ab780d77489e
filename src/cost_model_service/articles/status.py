"""An article's processing status: its one shape, publishing it, following it.

`StatusEvent` is what a worker publishes after each committed transition and what the
`articleStatus` query and subscription answer: `graphql/types.py` builds the GraphQL type
from it, so the shape is written once.
"""

import uuid
from collections.abc import AsyncGenerator, Callable, Sequence
from datetime import datetime
from functools import partial
from typing import TypeVar

from pydantic import BaseModel, Field
from sqlalchemy import ARRAY, Uuid, any_, bindparam
from sqlalchemy import select as select_columns  # any number of columns
from sqlmodel import col

from cost_model_service.articles.models import Article, ProcessingStage, ProcessingStatus
from cost_model_service.db import SessionMaker
from cost_model_service.errors import NotFound
from cost_model_service.events.broadcaster import EventBroadcaster
from cost_model_service.events.publisher import Publisher
from cost_model_service.events.single_flight import SingleFlight
from cost_model_service.events.stream import versioned_stream
from cost_model_service.events.watch import Watch
from cost_model_service.redis_keys import RedisKeys


class StatusEvent(BaseModel):
    # The descriptions are the GraphQL type's (ArticleStatus in graphql/types.py).
    id: uuid.UUID = Field(description="The article's id.")
    processing_status: ProcessingStatus = Field(description="Where the analysis stands.")
    processing_stage: ProcessingStage = Field(
        description="The step the analysis is in (DONE once COMPLETED or FAILED)."
    )
    processing_error: str | None = Field(
        default=None,
        description="Why the analysis FAILED, readable by a person; null unless FAILED.",
    )
    processing_started_at: datetime | None = Field(
        default=None,
        description="When a worker began the current analysis run; null while still QUEUED.",
    )
    processing_completed_at: datetime | None = Field(
        default=None,
        description="When the analysis ended (COMPLETED or FAILED); null while it runs.",
    )
    # +1 on every transition: a subscriber drops what is not newer than what it sent.
    version: int = Field(
        description="Goes up by one on every change: a client that sees a "
        "lower or equal version than it has can ignore the message."
    )

    @classmethod
    def from_article(cls, article: Article) -> "StatusEvent":
        return cls(
            id=article.id,
            processing_status=article.processing_status,
            processing_stage=article.processing_stage,
            processing_error=article.processing_error,
            processing_started_at=article.processing_started_at,
            processing_completed_at=article.processing_completed_at,
            version=article.version,
        )

    @property
    def is_terminal(self) -> bool:
        return self.processing_status.is_terminal


async def publish_status(publisher: Publisher, keys: RedisKeys, article: Article) -> None:
    """After the transition was committed (best effort: see RedisPublisher)."""
    await publish_event(publisher, keys, StatusEvent.from_article(article), article.batch_id)


async def publish_event(
    publisher: Publisher, keys: RedisKeys, status: StatusEvent, batch_id: uuid.UUID | None
) -> None:
    """A status taken when its transition was committed, published later."""
    await publisher.publish(keys.article_status(status.id), status)
    if batch_id is not None:
        # The batch's followers get every article's events on one channel.
        await publisher.publish(keys.batch_progress(batch_id), status)


async def publish_events(
    publisher: Publisher,
    keys: RedisKeys,
    statuses: Sequence[tuple[StatusEvent, uuid.UUID | None]],
) -> None:
    """Statuses (with their article's batch) taken when committed, published later, in
    order, together (one round trip to Redis)."""
    messages: list[tuple[str, BaseModel]] = []
    for status, batch_id in statuses:
        messages.append((keys.article_status(status.id), status))
        if batch_id is not None:
            messages.append((keys.batch_progress(batch_id), status))
    await publisher.publish_many(messages)


# The status columns alone: no ORM object, no description or analysis fields.
_COLUMNS = tuple(
    col(column)
    for column in (
        Article.id,
        Article.processing_status,
        Article.processing_stage,
        Article.processing_error,
        Article.processing_started_at,
        Article.processing_completed_at,
        Article.version,
    )
)


async def read_status(
    sessionmaker: SessionMaker, article_id: uuid.UUID, tenant_id: uuid.UUID
) -> StatusEvent:
    """The tenant's article's status (another tenant's answers exactly like a missing one)."""
    query = select_columns(*_COLUMNS).where(
        col(Article.id) == article_id, col(Article.tenant_id) == tenant_id
    )
    async with sessionmaker() as session:
        # sqlmodel's exec() is typed for its own select() of up to four columns only.
        row = (await session.exec(query)).first()  # type: ignore[call-overload]
    if row is None:
        raise NotFound(f"article {article_id} not found")
    return StatusEvent.model_validate(dict(row._mapping))


async def read_statuses(
    sessionmaker: SessionMaker, article_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, StatusEvent]:
    """Many articles' status in one query (one statement however many: `= ANY($1)`)."""
    ids = bindparam("ids", list(article_ids), type_=ARRAY(Uuid()))
    query = select_columns(*_COLUMNS).where(col(Article.id) == any_(ids))
    async with sessionmaker() as session:
        rows = (await session.exec(query)).all()  # type: ignore[call-overload]
    return {row.id: StatusEvent.model_validate(dict(row._mapping)) for row in rows}


def status_watch(
    sessionmaker: SessionMaker, broadcaster: EventBroadcaster
) -> Watch[uuid.UUID, StatusEvent]:
    """The process's one watch over the status of every article someone follows."""
    return broadcaster.shared(
        "article-status",
        lambda: Watch(
            partial(read_statuses, sessionmaker), broadcaster.quiet_resync, "article status"
        ),
    )


T = TypeVar("T")


def status_stream(
    sessionmaker: SessionMaker,
    broadcaster: EventBroadcaster,
    keys: RedisKeys,
    article_id: uuid.UUID,
    tenant_id: uuid.UUID,
    present: Callable[[StatusEvent], T],
) -> AsyncGenerator[T, None]:
    """The tenant's article's status now, then every change, ending after COMPLETED or
    FAILED; NOT_FOUND for another tenant's article or a missing one. `present` turns each
    status into what is yielded (the GraphQL value: one generator per subscriber, not a
    second one to convert). Subscribers of the article that open together share its
    first read, and so hold one state between events, not one each."""
    return versioned_stream(
        broadcaster,
        keys.article_status(article_id),
        StatusEvent.model_validate_json,
        partial(
            broadcaster.shared("article-status-reads", SingleFlight).read,
            (article_id, tenant_id),
            partial(read_status, sessionmaker, article_id, tenant_id),
        ),
        label=f"article {article_id}",
        watch=status_watch(sessionmaker, broadcaster),
        key=article_id,
        present=present,
    )
