"""The fast tier's fixtures: a session on the test database and a tenant of one's own, and
articles with a cost model made directly through the services (no API, no worker)."""

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import pytest
from arq.connections import ArqRedis
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.articles.models import Article, ProcessingStage, ProcessingStatus
from cost_model_service.auth.models import Tenant
from cost_model_service.config import Settings
from cost_model_service.cost_models import service as cost_models
from cost_model_service.cost_models.schemas import CostModelShare
from cost_model_service.db import create_engine, create_sessionmaker
from cost_model_service.index_series.importers import IndexFileFormat
from cost_model_service.jobs.queue import create_redis
from cost_model_service.price_alerts.models import PriceAlertEvaluationOwed
from cost_model_service.pricing import service as pricing
from cost_model_service.redis_keys import RedisKeys
from tests.pricing.support import DATA

WORKED_PARTS = {"FIXED": "15", "STEEL": "40", "PLASTICS": "15", "LABOUR": "25", "ELECTRICITY": "5"}


@pytest.fixture
async def session(database_url: str) -> AsyncIterator[AsyncSession]:
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as opened:
            yield opened
    finally:
        await engine.dispose()


@dataclass(frozen=True)
class Queue:
    redis: ArqRedis
    keys: RedisKeys


@pytest.fixture
async def queue(settings: Settings) -> AsyncIterator[Queue]:
    """The job queue of this test's Redis prefix (imports queue alert evaluations; no
    worker runs them here)."""
    redis = create_redis(settings)
    try:
        yield Queue(redis, settings.redis_keys)
    finally:
        await redis.aclose()


@pytest.fixture
async def tenant_id(session: AsyncSession) -> uuid.UUID:
    tenant = Tenant(name=f"fast-{uuid.uuid4().hex[:8]}")
    session.add(tenant)
    await session.commit()
    return tenant.id


async def completed_article(
    session: AsyncSession, tenant_id: uuid.UUID, parts: dict[str, str] = WORKED_PARTS
) -> Article:
    article = Article(
        tenant_id=tenant_id,
        article_name="Bracket",
        processing_status=ProcessingStatus.COMPLETED,
        processing_stage=ProcessingStage.DONE,
    )
    session.add(article)
    await session.flush()
    await cost_models.replace_parts(
        session, article.id, [CostModelShare(code, Decimal(part)) for code, part in parts.items()]
    )
    await session.commit()
    return article


def fixture_bytes(name: str) -> bytes:
    return (DATA / name).read_bytes()


async def worked_example(session: AsyncSession, queue: Queue, tenant_id: uuid.UUID) -> uuid.UUID:
    article = await completed_article(session, tenant_id)
    for name in ("worked_example.csv", "worked_example_electricity_2025_01.csv"):
        await pricing.import_index_file(
            session,
            queue.redis,
            queue.keys,
            tenant_id,
            fixture_bytes(f"long_csv/{name}"),
            IndexFileFormat.AUTO,
        )
    for index, series, lag in (
        ("STEEL", "EX_STEEL", 2),
        ("PLASTICS", "EX_PLASTICS", 2),
        ("LABOUR", "EX_LABOUR", 1),
        ("ELECTRICITY", "EX_ELECTRICITY", 2),
    ):
        await pricing.bind_cost_index(session, tenant_id, index, series, lag, None)
    await pricing.set_price_basis(
        session, tenant_id, article.id, Decimal("12.40"), "eur", "2024-03"
    )
    return article.id


async def owed_row(session: AsyncSession, tenant_id: uuid.UUID) -> datetime | None:
    """When the import was whose price alert evaluation the tenant is owed, if any."""
    statement = select(PriceAlertEvaluationOwed.imported_at).where(
        col(PriceAlertEvaluationOwed.tenant_id) == tenant_id
    )
    return (await session.exec(statement.execution_options(populate_existing=True))).one_or_none()
