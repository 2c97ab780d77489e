"""Reading the cost index catalogue."""

import uuid
from collections.abc import Sequence

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.cost_indices.models import CostIndex
from cost_model_service.cost_indices.schemas import CatalogueIndex


async def list_all(session: AsyncSession) -> Sequence[CostIndex]:
    result = await session.exec(select(CostIndex).order_by(col(CostIndex.code)))
    return result.all()


async def get_many(session: AsyncSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, CostIndex]:
    result = await session.exec(select(CostIndex).where(col(CostIndex.id).in_(ids)))
    return {index.id: index for index in result.all()}


async def catalogue(session: AsyncSession) -> list[CatalogueIndex]:
    """The catalogue as analyzers take it: plain values only. It is pickled to the isolated
    processes with every cost model, and an enum of models.py there made each new process
    import SQLModel and SQLAlchemy at its first cost model (~1 s, the pipeline's outliers).
    The four columns, no ORM objects: the worker reads it for every cost model."""
    query = select(
        col(CostIndex.code),
        col(CostIndex.name),
        col(CostIndex.category),
        col(CostIndex.description),
    ).order_by(col(CostIndex.code))
    rows = (await session.exec(query)).all()
    return [
        CatalogueIndex(code=code, name=name, category=category.value, description=description)
        for code, name, category, description in rows
    ]
