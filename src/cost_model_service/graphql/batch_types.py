"""GraphQL types of batch analysis (analyzeArticles): the upload input, the batch with its
counts, and the progress events its subscription sends."""

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info

from cost_model_service.batches.models import AnalysisBatch as BatchRow
from cost_model_service.batches.progress import Progress
from cost_model_service.batches.service import BatchCounts
from cost_model_service.graphql.queries import (
    PageAfter,
    PageSize,
    StatusFilter,
    article_connection,
)
from cost_model_service.graphql.types import ArticleConnection, ArticleStatus

if TYPE_CHECKING:
    from cost_model_service.graphql.context import Context

d = strawberry.field


@strawberry.enum(description="Where a batch stands.")
class BatchStatus(Enum):
    PROCESSING = strawberry.enum_value(
        "processing", description="Some articles are PENDING (waiting their turn) or PROCESSING."
    )
    COMPLETED = strawberry.enum_value(
        "completed", description="Every article is COMPLETED or FAILED."
    )


@strawberry.input(
    description="One article of an analyzeArticles batch: what analyzeArticle "
    "takes, as an input object."
)
class ArticleUploadInput:
    article_name: str = d(description="The article's name (not blank, at most 255 characters).")
    product_specification: Upload = d(
        description="The specification: txt, md, csv, json, html, pdf, docx, xlsx, png or "
        "jpeg, at most CMS_MAX_UPLOAD_BYTES. In a multipart request map the file "
        "to variables.items.<n>.productSpecification."
    )
    description: str | None = d(default=None, description="Free text kept with the article.")
    drawing: Upload | None = d(
        default=None,
        description="An optional drawing (pdf or image), read alongside; "
        "mapped to variables.items.<n>.drawing.",
    )


@strawberry.type(
    description="Articles submitted together by analyzeArticles, and how far "
    "their analyses are. The articles are ordinary articles (in "
    "`articles`, `article(id:)`, with their own articleStatus)."
)
class AnalysisBatch:
    row: strawberry.Private[BatchRow]
    counts: strawberry.Private[BatchCounts]
    id: strawberry.ID = d(description="The batch's id (a UUID).")
    status: BatchStatus = d(description="COMPLETED once no article is PENDING or PROCESSING.")
    total: int = d(description="How many articles the batch has.")
    pending: int = d(
        description="Articles waiting their turn: a batch has at most "
        "CMS_BATCH_WINDOW articles queued or running at once."
    )
    processing: int = d(description="Articles queued for a worker or being analyzed.")
    completed: int = d(description="Articles analyzed (COMPLETED).")
    failed: int = d(
        description="Articles whose analysis FAILED (each says why in processingError)."
    )
    created_at: datetime = d(description="When the batch was submitted.")
    completed_at: datetime | None = d(
        description="When its last article ended; null while PROCESSING."
    )

    @classmethod
    def of(cls, row: BatchRow, counts: BatchCounts) -> "AnalysisBatch":
        return cls(
            row=row,
            counts=counts,
            id=strawberry.ID(str(row.id)),
            status=BatchStatus.COMPLETED if counts.done else BatchStatus.PROCESSING,
            total=counts.total,
            pending=counts.pending,
            processing=counts.processing,
            completed=counts.completed,
            failed=counts.failed,
            created_at=row.created_at,
            completed_at=(counts.finished_at or row.completed_at) if counts.done else None,
        )

    @strawberry.field(
        description="The batch's articles, in the order they were sent: a "
        "Relay connection, paged as `articles` is."
    )
    async def articles(
        self,
        info: Info["Context", None],
        first: PageSize = 50,
        after: PageAfter = None,
        status: StatusFilter = None,
    ) -> ArticleConnection:
        return await article_connection(
            info, first=first, after=after, status=status, batch_id=self.row.id
        )


@strawberry.type(description="One event of the analysisBatch subscription.")
class BatchProgress:
    batch: AnalysisBatch = d(description="The batch's counts after this event.")
    article: ArticleStatus | None = d(
        description="The article whose status changed; null in "
        "the first event (the counts as they are)."
    )

    @classmethod
    def of(cls, progress: Progress) -> "BatchProgress":
        article = progress.article
        return cls(
            batch=AnalysisBatch.of(progress.batch, progress.counts),
            article=None if article is None else ArticleStatus.from_pydantic(article),
        )
