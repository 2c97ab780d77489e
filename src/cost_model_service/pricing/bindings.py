"""Which series drives which cost index: a tenant-wide default, or an article's override."""

import uuid
from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.articles.models import utcnow
from cost_model_service.cost_indices.models import CostIndex, CostIndexCategory
from cost_model_service.errors import BadUserInput
from cost_model_service.index_series.models import IndexSeries
from cost_model_service.pricing.models import CostIndexBinding

MAX_LAG = 60  # five years of months; clauses look back a few periods


async def catalogue_index(session: AsyncSession, code: str) -> CostIndex:
    """A catalogue cost index by code; unknown codes are the caller's input error."""
    row = None
    if code.isprintable():  # PostgreSQL refuses NUL and lone surrogates in text
        row = (await session.exec(select(CostIndex).where(col(CostIndex.code) == code))).first()
    if row is None:
        raise BadUserInput(f"'{code}' is not a cost index code (see costIndices)")
    return row


async def bind(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    index: CostIndex,
    series: IndexSeries,
    lag: int,
    article_id: uuid.UUID | None,
) -> CostIndexBinding:
    """Create or replace the binding of `index` (the tenant's default when article_id is
    None). The caller checked that series and article are the tenant's. Not committed."""
    if index.category is CostIndexCategory.fixed:
        raise BadUserInput(f"{index.code} is the non-indexed share: it needs no binding")
    if not 0 <= lag <= MAX_LAG:
        raise BadUserInput(f"lag must be between 0 and {MAX_LAG} periods of the series")
    now = utcnow()
    changes = {"series_id": series.id, "lag": lag, "updated_at": now}
    statement = insert(CostIndexBinding).values(
        id=uuid.uuid4(),
        tenant_id=tenant_id,
        cost_index_id=index.id,
        article_id=article_id,
        created_at=now,
        **changes,
    )
    # The conflict target names the partial unique index that applies.
    if article_id is None:
        statement = statement.on_conflict_do_update(
            index_elements=["tenant_id", "cost_index_id"],
            index_where=text("article_id IS NULL"),
            set_=changes,
        )
    else:
        statement = statement.on_conflict_do_update(
            index_elements=["article_id", "cost_index_id"],
            index_where=text("article_id IS NOT NULL"),
            set_=changes,
        )
    binding_id = (await session.exec(statement.returning(col(CostIndexBinding.id)))).one()[0]
    return await _get(session, binding_id)


async def _get(session: AsyncSession, binding_id: uuid.UUID) -> CostIndexBinding:
    statement = (
        select(CostIndexBinding)
        .where(col(CostIndexBinding.id) == binding_id)
        .execution_options(populate_existing=True)
    )
    return (await session.exec(statement)).one()


async def tenant_defaults(
    session: AsyncSession, tenant_id: uuid.UUID
) -> Sequence[CostIndexBinding]:
    statement = select(CostIndexBinding).where(
        col(CostIndexBinding.tenant_id) == tenant_id, col(CostIndexBinding.article_id).is_(None)
    )
    return (await session.exec(statement)).all()


async def effective_by_article(
    session: AsyncSession, tenant_id: uuid.UUID, article_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, dict[uuid.UUID, CostIndexBinding]]:
    """Per article, cost index id -> the binding in force: its own, else the tenant's."""
    statement = select(CostIndexBinding).where(
        col(CostIndexBinding.tenant_id) == tenant_id,
        or_(
            col(CostIndexBinding.article_id).is_(None),
            col(CostIndexBinding.article_id).in_(article_ids),
        ),
    )
    rows = (await session.exec(statement)).all()
    defaults = {row.cost_index_id: row for row in rows if row.article_id is None}
    effective = {article_id: dict(defaults) for article_id in article_ids}
    for row in rows:
        if row.article_id is not None:
            effective[row.article_id][row.cost_index_id] = row
    return effective
