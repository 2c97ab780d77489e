"""Index series: importing files (all or nothing), reading series and their values."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.articles.models import utcnow
from cost_model_service.errors import BadUserInput, NotFound
from cost_model_service.index_series import store
from cost_model_service.index_series.importers import IndexFileFormat, ParsedSeries, parse_file
from cost_model_service.index_series.importers.base import MAX_CODE
from cost_model_service.index_series.models import IndexObservation, IndexSeries
from cost_model_service.index_series.periods import Period, try_parse
from cost_model_service.index_series.values import Observation, SeriesValues


@dataclass(frozen=True)
class ImportResult:
    format: IndexFileFormat
    series: list[IndexSeries]
    added: int
    revised: int
    imported_at: datetime  # the series' updated_at: one value per import


async def import_file(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    data: bytes,
    file_format: IndexFileFormat = IndexFileFormat.AUTO,
) -> ImportResult:
    """Parse the whole file before writing anything; then create or update its series and
    upsert the observations, keeping revised values as vintages. Not committed."""
    parsed = parse_file(data, file_format)
    rows = await _series_rows(session, tenant_id, parsed.series)
    observations = [
        (rows[s.code].id, str(period), value, status.value)
        for s in parsed.series
        for period, (value, status, _) in s.observations.items()
    ]
    added, revised = await store.upsert_observations(session, observations)
    series = [rows[s.code] for s in parsed.series]
    return ImportResult(parsed.format, series, added, revised, series[0].updated_at)


async def _series_rows(
    session: AsyncSession, tenant_id: uuid.UUID, parsed: Sequence[ParsedSeries]
) -> dict[str, IndexSeries]:
    """The tenant's rows for the file's series, created if new, locked, metadata updated."""
    await session.exec(
        insert(IndexSeries)
        .values(
            [
                {
                    "id": uuid.uuid4(),
                    "tenant_id": tenant_id,
                    "code": s.code,
                    "name": s.meta.get("name", s.code),
                    "frequency": s.frequency,
                }
                for s in parsed
            ]
        )
        .on_conflict_do_nothing(index_elements=["tenant_id", "code"])
    )
    statement = (
        select(IndexSeries)
        .where(
            col(IndexSeries.tenant_id) == tenant_id,
            col(IndexSeries.code).in_([s.code for s in parsed]),
        )
        .with_for_update()  # two imports of one series run one after the other
        .execution_options(populate_existing=True)
    )
    rows = {row.code: row for row in (await session.exec(statement)).all()}
    now = utcnow()
    for series in parsed:
        row = rows[series.code]
        if row.frequency is not series.frequency:
            raise BadUserInput(
                f"line {series.first_line}: series {series.code} is {row.frequency.value}, the "
                f"file has {series.frequency.value} periods: another frequency is another "
                "series (import it under another code)"
            )
        for key, value in series.meta.items():
            setattr(row, key, value)
        newest = max(series.observations)
        known = try_parse(row.latest_period) if row.latest_period else None
        row.latest_period = str(max(newest, known) if known else newest)
        row.updated_at = now
    await session.flush()
    return rows


async def get_by_code(session: AsyncSession, tenant_id: uuid.UUID, code: str) -> IndexSeries:
    """The tenant's series; another tenant's answers exactly like a missing one."""
    if not code.isprintable() or len(code) > MAX_CODE:  # could never have been imported
        raise NotFound(f"index series {code!r} not found")
    statement = select(IndexSeries).where(
        col(IndexSeries.tenant_id) == tenant_id, col(IndexSeries.code) == code
    )
    row = (await session.exec(statement)).one_or_none()
    if row is None:
        raise NotFound(f"index series {code!r} not found")
    return row


async def list_series(session: AsyncSession, tenant_id: uuid.UUID) -> Sequence[IndexSeries]:
    statement = (
        select(IndexSeries)
        .where(col(IndexSeries.tenant_id) == tenant_id)
        .order_by(col(IndexSeries.code))
    )
    return (await session.exec(statement)).all()


async def get_many(session: AsyncSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, IndexSeries]:
    statement = select(IndexSeries).where(col(IndexSeries.id).in_(ids))
    return {row.id: row for row in (await session.exec(statement)).all()}


async def observations(
    session: AsyncSession,
    series_ids: Sequence[uuid.UUID],
    first: Period | None = None,
    last: Period | None = None,
) -> dict[uuid.UUID, list[IndexObservation]]:
    """Newest values of several series in one query, oldest period first; `first`/`last`
    bound the periods (text order is time order within one frequency)."""
    statement = select(IndexObservation).where(col(IndexObservation.series_id).in_(series_ids))
    if first is not None:
        statement = statement.where(col(IndexObservation.period) >= str(first))
    if last is not None:
        statement = statement.where(col(IndexObservation.period) <= str(last))
    grouped: dict[uuid.UUID, list[IndexObservation]] = defaultdict(list)
    for row in (await session.exec(statement.order_by(col(IndexObservation.period)))).all():
        grouped[row.series_id].append(row)
    return grouped


async def values_of(
    session: AsyncSession, series: Sequence[IndexSeries]
) -> dict[uuid.UUID, SeriesValues]:
    """What projections read: every series' newest values, as plain values (plain rows,
    not ORM objects: thousands of values load in milliseconds)."""
    statement = select(
        col(IndexObservation.series_id),
        col(IndexObservation.period),
        col(IndexObservation.value),
        col(IndexObservation.status),
    ).where(col(IndexObservation.series_id).in_([s.id for s in series]))
    values: dict[uuid.UUID, dict[Period, Observation]] = defaultdict(dict)
    for series_id, text, value, status in (await session.exec(statement)).all():
        if (period := try_parse(text)) is not None:
            values[series_id][period] = Observation(value, status)
    return {s.id: SeriesValues(s.id, s.code, s.frequency, values[s.id]) for s in series}
