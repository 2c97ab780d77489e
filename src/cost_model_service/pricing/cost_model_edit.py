"""Buyers correct cost models by hand: `updateCostModel` replaces a COMPLETED article's parts."""

import uuid
from collections.abc import Sequence
from decimal import Decimal

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.articles import service as articles
from cost_model_service.articles.models import Article, ProcessingStatus, utcnow
from cost_model_service.cost_indices.models import CostIndex
from cost_model_service.cost_models import service as cost_models
from cost_model_service.cost_models.schemas import CostModelShare
from cost_model_service.errors import BadUserInput, NotFound
from cost_model_service.pricing.decimals import checked

MANUAL = "manual"
TOTAL = Decimal(100)


async def update_cost_model(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    article_id: uuid.UUID,
    parts: Sequence[tuple[str, Decimal]],
) -> Article:
    """Replace the parts (catalogue codes, no duplicates, each > 0, two decimals, sum exactly
    100.00); costModelMethod becomes `manual`. Not committed."""
    article = await articles.get_for_update(session, article_id)  # not while a run saves
    if article is None or article.tenant_id != tenant_id:
        raise NotFound(f"article {article_id} not found")
    if article.processing_status is not ProcessingStatus.COMPLETED:
        raise BadUserInput(
            f"only a COMPLETED article's cost model can be edited; this one is "
            f"{article.processing_status.value.upper()}"
        )
    shares = await _checked_shares(session, parts)
    await cost_models.replace_parts(session, article.id, shares)
    article.cost_model_method = MANUAL
    article.updated_at = utcnow()
    await session.flush()
    return article


async def _checked_shares(
    session: AsyncSession, parts: Sequence[tuple[str, Decimal]]
) -> list[CostModelShare]:
    if not parts:
        raise BadUserInput("a cost model needs at least one part")
    codes = [code for code, _ in parts]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise BadUserInput(f"each index may appear once; repeated: {', '.join(duplicates)}")
    printable = [code for code in codes if code.isprintable()]  # PostgreSQL refuses NUL
    known = set(
        (await session.exec(select(CostIndex.code).where(col(CostIndex.code).in_(printable)))).all()
    )
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise BadUserInput(
            f"not cost index codes: {', '.join(map(repr, unknown))} (see costIndices)"
        )
    shares = [
        CostModelShare(code, checked(part, f"the part of {code}", places=2, max_digits=3))
        for code, part in parts
    ]
    total = sum((share.part for share in shares), Decimal(0))
    if total != TOTAL:
        raise BadUserInput(f"the parts must sum to exactly 100.00, not {total:.2f}")
    return shares
