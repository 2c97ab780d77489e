"""Telling an outage of a backing service (PostgreSQL, Redis) from a bug.

An outage is worth retrying later (a job) or answering SERVICE_UNAVAILABLE (the API);
a bug is not. The exception types were checked against a real PostgreSQL stopped with
`pg_ctl -m fast` and a real Redis stopped and started (tests/resilience):

- a query on a connection PostgreSQL closed: sqlalchemy `DBAPIError` (not Operational-
  or InterfaceError) with `connection_invalidated` set;
- connecting while PostgreSQL is down: the raw `OSError` (ConnectionRefusedError over TCP,
  FileNotFoundError for a missing Unix socket), or asyncpg's CannotConnectNowError while
  it starts or stops, which SQLAlchemy does not wrap;
- Redis: redis-py's ConnectionError and TimeoutError;
- back-pressure: sqlalchemy's pool TimeoutError (every connection of the pool stayed busy
  past its wait): the database is there but saturated, which is worth retrying later too.
"""

import asyncpg.exceptions as pg
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

# asyncpg's "server went away" family: raised bare at connect time, wrapped (as the
# DBAPIError's orig.__cause__) during a query.
_POSTGRES_DOWN = (
    pg.PostgresConnectionError,
    pg.CannotConnectNowError,
    pg.AdminShutdownError,
    pg.CrashShutdownError,
)

OUTAGE_TYPES: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    RedisConnectionError,
    RedisTimeoutError,
    OSError,  # includes ConnectionError and TimeoutError
    PoolTimeoutError,
    *_POSTGRES_DOWN,
)


def is_back_pressure(error: BaseException | None) -> bool:
    """True when a database connection was not free within the pool's wait: a saturated
    pool, to be waited out (retry later), never the end of a subscription or a bug."""
    return isinstance(error, PoolTimeoutError)


def is_outage(error: BaseException | None) -> bool:
    """True when `error` means PostgreSQL or Redis could not be reached or went away."""
    if error is None:
        return False
    if isinstance(error, OUTAGE_TYPES):
        return True
    if isinstance(error, DBAPIError):
        if error.connection_invalidated:
            return True
        orig = error.orig
        return isinstance(orig, _POSTGRES_DOWN) or isinstance(
            getattr(orig, "__cause__", None), _POSTGRES_DOWN
        )
    return False


def describe(error: BaseException) -> str:
    """Which service, for a processingError or a log line (no internals)."""
    if isinstance(error, RedisConnectionError | RedisTimeoutError):
        return "Redis was unavailable"
    return "the database was unavailable"
