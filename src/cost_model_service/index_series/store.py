"""Writing many observations at once: COPY into a temporary table, then one statement that
archives revised values as vintages and upserts the rest. 100,000 rows take about a second,
where row-by-row ORM inserts would take minutes."""

import uuid
from collections.abc import Sequence
from decimal import Decimal

from sqlmodel.ext.asyncio.session import AsyncSession

_STAGE = """CREATE TEMP TABLE IF NOT EXISTS incoming_observation (
    series_id uuid NOT NULL, period text NOT NULL, value numeric NOT NULL, status text NOT NULL
) ON COMMIT DROP"""

# Data-modifying CTEs all see the table as it was before the statement: `archived` copies
# exactly the rows `upserted` is about to change. A value that is numerically equal
# (120.0 again as 120.00) and keeps its status is no revision and is left alone.
_UPSERT = """
WITH archived AS (
    INSERT INTO index_observation_vintage
        (series_id, period, value, status, imported_at, superseded_at)
    SELECT o.series_id, o.period, o.value, o.status, o.imported_at, now()
    FROM index_observation o JOIN incoming_observation i USING (series_id, period)
    WHERE o.value <> i.value OR o.status <> i.status
    RETURNING 1
), upserted AS (
    INSERT INTO index_observation (series_id, period, value, status, imported_at)
    SELECT series_id, period, value, status, now() FROM incoming_observation
    ON CONFLICT (series_id, period) DO UPDATE
        SET value = excluded.value, status = excluded.status, imported_at = excluded.imported_at
        WHERE index_observation.value <> excluded.value
           OR index_observation.status <> excluded.status
    RETURNING (xmax = 0) AS inserted
)
SELECT (SELECT count(*) FROM upserted WHERE inserted) AS added,
       (SELECT count(*) FROM archived) AS revised
"""

Row = tuple[uuid.UUID, str, Decimal, str]  # series id, period, value, status


async def upsert_observations(session: AsyncSession, rows: Sequence[Row]) -> tuple[int, int]:
    """(added, revised). In the session's transaction: nothing is committed here."""
    connection = await session.connection()
    # Through SQLAlchemy first, so that the transaction has begun before asyncpg is used
    # directly (the temporary table lives until that transaction ends).
    await connection.exec_driver_sql(_STAGE)
    await connection.exec_driver_sql("TRUNCATE incoming_observation")
    raw = (await connection.get_raw_connection()).driver_connection
    assert raw is not None
    await raw.copy_records_to_table(
        "incoming_observation", records=rows, columns=["series_id", "period", "value", "status"]
    )
    added, revised = await raw.fetchrow(_UPSERT)
    return int(added), int(revised)
