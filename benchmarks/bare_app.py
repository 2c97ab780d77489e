"""The baseline: a bare strawberry app with the same subscription shape, an in-process
broadcast, no Redis and no database, served by the same uvicorn with the same flags as
`cms api` (cli.py). `python -m benchmarks.bare_app PORT`; the one setting that changes
uvicorn's flags, CMS_WS_PER_MESSAGE_DEFLATE, is read as `cms api` reads it."""

import asyncio
import sys
from collections import defaultdict
from collections.abc import AsyncGenerator
from datetime import datetime
from enum import Enum

import strawberry
import uvicorn
from strawberry.asgi import GraphQL

VERSIONS: dict[str, int] = defaultdict(lambda: 1)
LISTENERS: dict[str, set[asyncio.Queue[int]]] = defaultdict(set)


@strawberry.enum
class ProcessingStatus(Enum):
    PROCESSING = "PROCESSING"
    COMPLETED = "COMPLETED"


@strawberry.enum
class ProcessingStage(Enum):
    QUEUED = "QUEUED"
    DONE = "DONE"


# The service's field types: enums and timestamps cost their serialization here too.
@strawberry.type
class ArticleStatus:
    id: strawberry.ID
    processing_status: ProcessingStatus
    processing_stage: ProcessingStage
    processing_error: str | None
    processing_started_at: datetime | None
    processing_completed_at: datetime | None
    version: int


def status(article_id: str, version: int) -> ArticleStatus:
    return ArticleStatus(
        id=strawberry.ID(article_id),
        processing_status=ProcessingStatus.PROCESSING,
        processing_stage=ProcessingStage.QUEUED,
        processing_error=None,
        processing_started_at=None,
        processing_completed_at=None,
        version=version,
    )


@strawberry.type
class Query:
    @strawberry.field
    def health(self) -> str:
        return "ok"


@strawberry.type
class Mutation:
    @strawberry.mutation
    def publish(self, id: strawberry.ID) -> int:
        VERSIONS[id] += 1
        for queue in LISTENERS[id]:
            queue.put_nowait(VERSIONS[id])
        return len(LISTENERS[id])


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def article_status(self, id: strawberry.ID) -> AsyncGenerator[ArticleStatus, None]:
        queue: asyncio.Queue[int] = asyncio.Queue()
        LISTENERS[id].add(queue)
        try:
            yield status(id, VERSIONS[id])
            while True:
                yield status(id, await queue.get())
        finally:
            LISTENERS[id].discard(queue)


app = GraphQL(strawberry.Schema(Query, Mutation, Subscription))

if __name__ == "__main__":
    from cost_model_service.config import Settings

    deflate = Settings(_env_file=None).ws_per_message_deflate  # type: ignore[call-arg]
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=int(sys.argv[1]),
        log_level="info",
        ws="websockets-sansio",
        ws_per_message_deflate=deflate,
    )
