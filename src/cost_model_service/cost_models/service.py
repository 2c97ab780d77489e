"""Reading and replacing articles' cost models."""

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.cost_indices.models import CostIndex
from cost_model_service.cost_models.models import CostModelPart
from cost_model_service.cost_models.schemas import CostModelShare


async def parts_by_article(
    session: AsyncSession, article_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[tuple[CostModelPart, CostIndex]]]:
    """All parts of several articles in one query, largest part first."""
    statement = (
        select(CostModelPart, CostIndex)
        .join(CostIndex, col(CostIndex.id) == col(CostModelPart.cost_index_id))
        .where(col(CostModelPart.article_id).in_(article_ids))
        .order_by(col(CostModelPart.part).desc(), col(CostIndex.code))
    )
    grouped: dict[uuid.UUID, list[tuple[CostModelPart, CostIndex]]] = defaultdict(list)
    for part, index in (await session.exec(statement)).all():
        grouped[part.article_id].append((part, index))
    return grouped


async def replace_parts(
    session: AsyncSession, article_id: uuid.UUID, shares: Sequence[CostModelShare]
) -> None:
    """Replace the article's cost model (a re-run never duplicates parts). Not committed."""
    codes = [share.code for share in shares]
    indices = (await session.exec(select(CostIndex).where(col(CostIndex.code).in_(codes)))).all()
    by_code = {index.code: index for index in indices}
    await session.exec(delete(CostModelPart).where(col(CostModelPart.article_id) == article_id))
    for share in shares:
        session.add(
            CostModelPart(
                article_id=article_id,
                cost_index_id=by_code[share.code].id,
                part=share.part,
                rationale=share.rationale or None,
            )
        )
