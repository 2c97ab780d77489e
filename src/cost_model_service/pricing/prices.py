"""An article's price basis (P0, currency, base month) and the prices paid per month."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.articles.models import utcnow
from cost_model_service.currencies import check_currency
from cost_model_service.index_series.periods import parse_month
from cost_model_service.pricing.decimals import checked
from cost_model_service.pricing.models import PaidPrice, PriceBasis

PRICE_PLACES = 6  # prices per piece can be fractions of a cent


async def set_basis(
    session: AsyncSession, article_id: uuid.UUID, price: Decimal, currency: str, period: str
) -> None:
    """Replace the article's basis. The caller checked the article is the tenant's.
    Not committed."""
    values = {
        "price": checked(price, "price", places=PRICE_PLACES),
        "currency": check_currency(currency),
        "period": str(parse_month(period)),
        "updated_at": utcnow(),
    }
    statement = insert(PriceBasis).values(article_id=article_id, **values)
    await session.exec(statement.on_conflict_do_update(index_elements=["article_id"], set_=values))


async def record_paid(
    session: AsyncSession, article_id: uuid.UUID, period: str, price: Decimal
) -> None:
    """What was paid in a month (replacing an earlier record of that month). Not committed."""
    values = {"price": checked(price, "price", places=PRICE_PLACES), "recorded_at": utcnow()}
    statement = insert(PaidPrice).values(
        article_id=article_id, period=str(parse_month(period)), **values
    )
    await session.exec(
        statement.on_conflict_do_update(index_elements=["article_id", "period"], set_=values)
    )


async def bases_by_article(
    session: AsyncSession, article_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, PriceBasis]:
    statement = (
        select(PriceBasis)
        .where(col(PriceBasis.article_id).in_(article_ids))
        .execution_options(populate_existing=True)
    )
    return {row.article_id: row for row in (await session.exec(statement)).all()}


async def paid_by_article(
    session: AsyncSession, article_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[PaidPrice]]:
    """Paid prices of several articles in one query, oldest month first."""
    statement = (
        select(PaidPrice)
        .where(col(PaidPrice.article_id).in_(article_ids))
        .order_by(col(PaidPrice.period))
        .execution_options(populate_existing=True)
    )
    grouped: dict[uuid.UUID, list[PaidPrice]] = defaultdict(list)
    for row in (await session.exec(statement)).all():
        grouped[row.article_id].append(row)
    return grouped
