"""The pricing use cases behind the mutations and `cms index import`: each validates,
changes, re-evaluates the affected alerts and commits once. Each returns the alerts that
fired, for the caller to announce after the commit (`price_alerts.feed.announce`); an
import leaves the evaluation to a background job instead."""

import logging
import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal

from arq.connections import ArqRedis
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.articles import service as articles
from cost_model_service.articles.models import Article
from cost_model_service.cost_indices.models import CostIndex, CostIndexCategory
from cost_model_service.errors import BadUserInput
from cost_model_service.index_series import service as index_series
from cost_model_service.index_series.importers import IndexFileFormat
from cost_model_service.index_series.periods import parse_month
from cost_model_service.jobs.queue import QueueUnavailable
from cost_model_service.price_alerts import owed
from cost_model_service.price_alerts import service as alerts
from cost_model_service.price_alerts.models import PriceAlert, PriceAlertKind
from cost_model_service.price_alerts.service import FiredAlert
from cost_model_service.pricing import bindings, cost_model_edit, prices
from cost_model_service.pricing.decimals import checked
from cost_model_service.pricing.models import CostIndexBinding
from cost_model_service.pricing.projection import Projection, ProjectionInputs, project
from cost_model_service.redis_keys import RedisKeys

log = logging.getLogger(__name__)

MAX_MONTHS = 600  # fifty years of points in one projection


async def import_index_file(
    session: AsyncSession,
    queue: ArqRedis,
    keys: RedisKeys,
    tenant_id: uuid.UUID,
    data: bytes,
    file_format: IndexFileFormat,
) -> index_series.ImportResult:
    """All or nothing, one commit; then the tenant's alerts are evaluated in the background
    (`evaluate_price_alerts`), not here: an import may touch every article's projection.
    The GraphQL mutation and `cms index import` both come here.

    The import's transaction also records that the evaluation is owed (`price_alerts/
    owed.py`), so a job Redis loses, or cannot take after the commit, is enqueued again by
    the worker's sweep: the import has succeeded either way."""
    result = await index_series.import_file(session, tenant_id, data, file_format)
    await owed.owe(session, tenant_id, result.imported_at)
    await session.commit()
    try:
        await owed.enqueue(queue, keys, tenant_id, result.imported_at)
    except QueueUnavailable:
        log.warning(
            "price alerts of tenant %s: evaluation not queued (the queue is unavailable); "
            "the sweep queues it once Redis is back",
            tenant_id,
        )
    return result


async def set_price_basis(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    article_id: uuid.UUID,
    price: Decimal,
    currency: str,
    period: str,
) -> tuple[Article, list[FiredAlert]]:
    article = await articles.get_or_raise(session, article_id, tenant_id)
    await prices.set_basis(session, article.id, price, currency, period)
    return article, await alerts.evaluate_and_commit(session, tenant_id, [article.id])


async def record_paid_price(
    session: AsyncSession, tenant_id: uuid.UUID, article_id: uuid.UUID, period: str, price: Decimal
) -> tuple[Article, list[FiredAlert]]:
    article = await articles.get_or_raise(session, article_id, tenant_id)
    await prices.record_paid(session, article.id, period, price)
    return article, await alerts.evaluate_and_commit(session, tenant_id, [article.id])


async def update_cost_model(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    article_id: uuid.UUID,
    parts: Sequence[tuple[str, Decimal]],
) -> tuple[Article, list[FiredAlert]]:
    article = await cost_model_edit.update_cost_model(session, tenant_id, article_id, parts)
    return article, await alerts.evaluate_and_commit(session, tenant_id, [article.id])


async def bind_cost_index(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    index_code: str,
    series_code: str,
    lag: int,
    article_id: uuid.UUID | None,
) -> tuple[CostIndexBinding, list[FiredAlert]]:
    """An article's override re-evaluates that article's alerts; a tenant-wide default
    re-evaluates all of the tenant's (few per tenant: alerts are set by hand)."""
    index = await bindings.catalogue_index(session, index_code)
    series = await index_series.get_by_code(session, tenant_id, series_code)
    if article_id is not None:
        await articles.get_or_raise(session, article_id, tenant_id)
    binding = await bindings.bind(session, tenant_id, index, series, lag, article_id)
    scope = None if article_id is None else [article_id]
    return binding, await alerts.evaluate_and_commit(session, tenant_id, scope)


async def create_price_alert(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    article_id: uuid.UUID,
    kind: PriceAlertKind,
    threshold_percent: Decimal,
) -> tuple[PriceAlert, list[FiredAlert]]:
    await articles.get_or_raise(session, article_id, tenant_id)
    alert, fired = await alerts.create(session, tenant_id, article_id, kind, threshold_percent)
    await session.commit()
    return alert, fired


async def delete_price_alert(
    session: AsyncSession, tenant_id: uuid.UUID, alert_id: uuid.UUID
) -> None:
    await alerts.delete(session, tenant_id, alert_id)
    await session.commit()


def projection(
    inputs: ProjectionInputs,
    first: str,
    last: str,
    shocks: Sequence[tuple[str, Decimal]],
    catalogue: Mapping[str, CostIndex],
) -> Projection:
    """Check the window and the scenario (catalogue: the named codes' rows), then project."""
    start, end = parse_month(first, "from"), parse_month(last, "to")
    if end < start:
        raise BadUserInput(f"to ({end}) is before from ({start})")
    if end.ordinal - start.ordinal >= MAX_MONTHS:
        raise BadUserInput(f"a projection covers at most {MAX_MONTHS} months")
    if not inputs.parts:
        raise BadUserInput("the article has no cost model to project")
    return project(inputs, start, end, scenario(shocks, catalogue))


def scenario(
    shocks: Sequence[tuple[str, Decimal]], catalogue: Mapping[str, CostIndex]
) -> dict[str, Decimal]:
    """Index code -> percent. Indices outside the article's model are ignored, so that one
    scenario ("steel +10 %") can be put to every article."""
    result: dict[str, Decimal] = {}
    for code, percent in shocks:
        if code not in catalogue:
            raise BadUserInput(f"scenario: '{code}' is not a cost index code")
        if catalogue[code].category is CostIndexCategory.fixed:
            raise BadUserInput(f"scenario: {code} is not indexed")
        if code in result:
            raise BadUserInput(f"scenario: {code} is given twice")
        value = checked(
            percent, f"scenario percent of {code}", places=4, max_digits=6, positive=False
        )
        if value <= -100:
            raise BadUserInput(f"scenario: {code} cannot fall by 100 % or more")
        result[code] = value
    return result
