"""Server URLs as operators paste them, checked and turned into what our drivers take."""

POSTGRES_SCHEMES = ("postgresql+asyncpg", "postgresql", "postgres")
EXAMPLE = "postgresql://user:password@host:5432/database"


def normalise_database_url(url: str) -> str:
    """`postgres://` and `postgresql://` (what managed PostgreSQL services hand out) mean
    asyncpg; libpq's `sslmode` becomes asyncpg's `ssl`. Anything else: ValueError saying
    what is wrong (never repeating the URL, which may hold a password)."""
    from sqlalchemy.engine import make_url  # imported here: `cms --help` stays quick
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url.strip())
    except ArgumentError:
        raise ValueError(f"not a URL (expected {EXAMPLE})") from None
    except ValueError:
        raise ValueError("the port is not a number") from None
    if parsed.drivername not in POSTGRES_SCHEMES:
        raise ValueError(f"scheme {parsed.drivername}:// is not PostgreSQL (expected {EXAMPLE})")
    if parsed.drivername == "postgresql+asyncpg" and "sslmode" not in parsed.query:
        return url.strip()  # as given: re-rendering would only re-quote it
    parsed = parsed.set(drivername="postgresql+asyncpg")
    if "sslmode" in parsed.query:
        mode = parsed.query["sslmode"]
        parsed = parsed.difference_update_query(["sslmode"]).update_query_dict({"ssl": mode})
    return parsed.render_as_string(hide_password=False)


def with_database(url: str, name: str) -> str:
    """The same server's database `name`: the URL's path replaced, its query kept (an
    embedded server's `?host=<socket directory>`, `?ssl=require`)."""
    head, _, query = url.partition("?")
    return f"{head.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


def libpq_url(url: str) -> str:
    """What asyncpg.connect and psql take: `postgresql://` for SQLAlchemy's
    `postgresql+asyncpg://`."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


def check_redis_url(url: str) -> str:
    from redis.connection import parse_url

    try:
        parse_url(url.strip())  # type: ignore[no-untyped-call]  # redis-py: unannotated
    except ValueError as error:
        message = str(error)
        if "scheme" in message:
            raise ValueError("expected redis://host:6379/0 (or rediss://, unix://)") from None
        raise ValueError(message.split(" as ")[0]) from None  # never the value itself
    return url.strip()
