"""Per-operation DataLoaders: a list of N articles costs one query per nested field, not N."""

import uuid
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession
from strawberry.dataloader import DataLoader

from cost_model_service.articles import service as articles
from cost_model_service.articles.models import ArticleFile
from cost_model_service.cost_indices.models import CostIndex
from cost_model_service.cost_models import service as cost_models
from cost_model_service.cost_models.models import CostModelPart

SessionScope = Callable[[], AbstractAsyncContextManager[AsyncSession]]


@dataclass
class Loaders:
    files: DataLoader[uuid.UUID, list[ArticleFile]]
    cost_models: DataLoader[uuid.UUID, list[tuple[CostModelPart, CostIndex]]]


def create_loaders(db: SessionScope) -> Loaders:
    """`db` is the context's session scope: batches take their turn on the one session."""

    async def load_files(ids: Sequence[uuid.UUID]) -> list[list[ArticleFile]]:
        async with db() as session:
            grouped = await articles.files_by_article(session, ids)
        return [grouped.get(i, []) for i in ids]

    async def load_parts(ids: Sequence[uuid.UUID]) -> list[list[tuple[CostModelPart, CostIndex]]]:
        async with db() as session:
            grouped = await cost_models.parts_by_article(session, ids)
        return [grouped.get(i, []) for i in ids]

    return Loaders(files=DataLoader(load_files), cost_models=DataLoader(load_parts))
