"""Per-request DataLoaders for the pricing fields: a list of articles or series costs one
query per nested field, not one per row."""

import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession
from strawberry.dataloader import DataLoader

from cost_model_service.cost_indices import service as cost_indices
from cost_model_service.cost_indices.models import CostIndex
from cost_model_service.graphql.context import Context
from cost_model_service.index_series import service as index_series
from cost_model_service.index_series.models import IndexObservation, IndexSeries
from cost_model_service.index_series.periods import Period
from cost_model_service.pricing import bindings, prices
from cost_model_service.pricing.inputs import load_inputs
from cost_model_service.pricing.models import CostIndexBinding, PaidPrice, PriceBasis
from cost_model_service.pricing.projection import ProjectionInputs

K = TypeVar("K")
T = TypeVar("T")
M = TypeVar("M")
Range = tuple[uuid.UUID, Period | None, Period | None]  # series, first, last


@dataclass
class PricingLoaders:
    series: DataLoader[uuid.UUID, IndexSeries | None]
    observations: DataLoader[Range, list[IndexObservation]]
    cost_indices: DataLoader[uuid.UUID, CostIndex | None]
    catalogue: DataLoader[str, CostIndex | None]  # by code
    bases: DataLoader[uuid.UUID, PriceBasis | None]
    paid: DataLoader[uuid.UUID, list[PaidPrice]]
    bindings: DataLoader[uuid.UUID, list[CostIndexBinding]]  # effective, per article
    inputs: DataLoader[uuid.UUID, ProjectionInputs | None]


def pricing_loaders(context: Context) -> PricingLoaders:
    """Made on first use and kept on the request's context (a plain attribute, so that the
    shared Context and Loaders need not know about pricing)."""
    loaders: PricingLoaders | None = getattr(context, "_pricing_loaders", None)
    if loaders is None:
        loaders = _create(context)
        context._pricing_loaders = loaders  # type: ignore[attr-defined]
    return loaders


def _create(context: Context) -> PricingLoaders:
    tenant_id = context.tenant_id

    def batch(
        load: Callable[[AsyncSession, list[K]], Awaitable[Mapping[K, T]]], missing: M
    ) -> DataLoader[K, T | M]:
        # Sibling fields resolve concurrently: each batch takes its turn on the session.
        async def run(keys: Sequence[K]) -> list[T | M]:
            async with context.db() as session:
                found = await load(session, list(keys))
            return [found.get(key, missing) for key in keys]

        return DataLoader(run)

    async def observations(
        session: AsyncSession, keys: list[Range]
    ) -> dict[Range, list[IndexObservation]]:
        by_range: dict[tuple[Period | None, Period | None], list[uuid.UUID]] = defaultdict(list)
        for series_id, first, last in keys:
            by_range[(first, last)].append(series_id)
        found: dict[Range, list[IndexObservation]] = {}
        for (first, last), ids in by_range.items():
            grouped = await index_series.observations(session, ids, first, last)
            found.update({(i, first, last): grouped.get(i, []) for i in ids})
        return found

    async def catalogue(session: AsyncSession, codes: list[str]) -> dict[str, CostIndex]:
        return {row.code: row for row in await cost_indices.list_all(session)}

    async def effective(
        session: AsyncSession, ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, list[CostIndexBinding]]:
        found = await bindings.effective_by_article(session, tenant_id, ids)
        return {i: list(found[i].values()) for i in ids}

    async def inputs(
        session: AsyncSession, ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, ProjectionInputs | None]:
        return await load_inputs(session, tenant_id, ids)

    return PricingLoaders(
        series=batch(index_series.get_many, None),
        observations=batch(observations, []),
        cost_indices=batch(cost_indices.get_many, None),
        catalogue=batch(catalogue, None),
        bases=batch(prices.bases_by_article, None),
        paid=batch(prices.paid_by_article, []),
        bindings=batch(effective, []),
        inputs=batch(inputs, None),
    )
