"""Loading what projections read, for many articles in a fixed number of queries:
bases, paid prices, cost models, effective bindings and the bound series' values."""

import uuid
from collections.abc import Sequence
from decimal import Decimal

from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.cost_indices.models import CostIndexCategory
from cost_model_service.cost_models import service as cost_models
from cost_model_service.index_series import service as index_series
from cost_model_service.index_series.periods import parse_month
from cost_model_service.pricing import bindings, prices
from cost_model_service.pricing.projection import Binding, Part, ProjectionInputs

HUNDRED = Decimal(100)


async def load_inputs(
    session: AsyncSession, tenant_id: uuid.UUID, article_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, ProjectionInputs | None]:
    """Per article its projection inputs; None when it has no price basis. The caller
    checked the articles are the tenant's."""
    ids = list(dict.fromkeys(article_ids))
    bases = await prices.bases_by_article(session, ids)
    with_basis = [i for i in ids if i in bases]
    if not with_basis:
        return dict.fromkeys(ids)
    parts = await cost_models.parts_by_article(session, with_basis)
    effective = await bindings.effective_by_article(session, tenant_id, with_basis)
    paid = await prices.paid_by_article(session, with_basis)
    # Only the series some article's model actually reads.
    used = {
        binding.series_id
        for article_id in with_basis
        for part, _ in parts.get(article_id, [])
        if (binding := effective[article_id].get(part.cost_index_id)) is not None
    }
    series = await index_series.get_many(session, list(used))
    values = await index_series.values_of(session, list(series.values()))
    inputs: dict[uuid.UUID, ProjectionInputs | None] = dict.fromkeys(ids)
    for article_id in with_basis:
        basis = bases[article_id]
        model = parts.get(article_id, [])
        bound = {
            index.code: Binding(values[b.series_id], b.lag)
            for part, index in model
            if (b := effective[article_id].get(part.cost_index_id)) is not None
            and index.category is not CostIndexCategory.fixed
        }
        inputs[article_id] = ProjectionInputs(
            price=basis.price,
            base_month=parse_month(basis.period),
            parts=[
                Part(index.code, part.part / HUNDRED, index.category is CostIndexCategory.fixed)
                for part, index in model
            ],
            bindings=bound,
            paid={parse_month(row.period): row.price for row in paid.get(article_id, [])},
        )
    return inputs
