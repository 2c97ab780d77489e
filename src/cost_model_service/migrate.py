"""Running the Alembic migrations from code (cms migrate, cms dev, the test suite), and
telling whether a database is at the revision this code needs (start, /ready).

Alembic is imported only where it runs migrations: the API and the worker need just the
revision graph, which a short child process reads with alembic (`python -m
cost_model_service.migrate` prints it), once per process. Importing alembic (and mako)
for that cost the API 8 MiB for its whole life (docs/PERFORMANCE.md).
"""

import asyncio
import functools
import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

# The repository's alembic.ini; the service runs from a checkout (uv run) or a container copy.
ALEMBIC_INI = Path(__file__).resolve().parents[2] / "alembic.ini"


def alembic_config(database_url: str) -> "Config":
    from alembic.config import Config

    config = Config(str(ALEMBIC_INI))
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Blocking: runs its own event loop, so call it from a thread inside async code."""
    from alembic import command

    command.upgrade(alembic_config(database_url), revision)


class Migrations:
    """The revisions this code knows, to compare with the one a database is at."""

    def __init__(self) -> None:
        heads, self._revisions = revision_graph()
        self.heads = set(heads)

    def _known(self, revision: str) -> bool:
        return revision in self._revisions

    def problem(self, current: set[str]) -> str | None:
        """Why code at this head cannot run on a database at `current`, else None. A
        revision this code does not know is a newer release's, migrated first as upgrades
        are done (docs/OPERATIONS.md): its migrations keep the old code working."""
        if not current:
            return "the database has no schema: run `cms migrate`"
        if current == self.heads or not all(self._known(revision) for revision in current):
            return None
        return (
            f"the database schema is at {', '.join(sorted(current))}, this release needs "
            f"{', '.join(sorted(self.heads))}: run `cms migrate`"
        )


async def current_revisions(engine: AsyncEngine) -> set[str]:
    """The revisions in alembic_version (none before the first migration). Read directly:
    alembic's MigrationContext logs two INFO lines per use, and probes use this often."""
    async with engine.connect() as connection:
        if await connection.scalar(text("SELECT to_regclass('alembic_version')")) is None:
            return set()
        rows = await connection.execute(text("SELECT version_num FROM alembic_version"))
        return set(rows.scalars())


async def _startup_problem(database_url: str, seconds: float) -> str | None:
    engine = create_async_engine(database_url)
    try:
        async with asyncio.timeout(seconds):
            current = await current_revisions(engine)
    except Exception as error:  # unreachable now: start anyway, /ready tells
        log.warning(
            "could not check the database schema at start (%s): starting anyway",
            type(error).__name__,
        )
        return None
    finally:
        await engine.dispose()
    return Migrations().problem(current)


def startup_problem(database_url: str, seconds: float = 10) -> str | None:
    """Why `cms api`/`cms worker` must not start on this database (unmigrated, or older
    than this code), else None. An unreachable database is not a reason: it may come up."""
    return asyncio.run(_startup_problem(database_url, seconds))


def read_revision_graph() -> dict[str, list[str]]:
    """The heads and every revision of this code's migrations, as alembic reads them."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(Config(str(ALEMBIC_INI)))
    known = [revision.revision for revision in script.walk_revisions()]
    return {"heads": sorted(script.get_heads()), "known": sorted(known)}


@functools.cache
def revision_graph() -> tuple[frozenset[str], frozenset[str]]:
    """(heads, known revisions), read in a child process (see the module's docstring)."""
    child = subprocess.run(
        [sys.executable, "-m", "cost_model_service.migrate"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if child.returncode != 0:
        raise RuntimeError(f"reading the migrations failed:\n{child.stderr[-2000:]}")
    graph = json.loads(child.stdout)
    return frozenset(graph["heads"]), frozenset(graph["known"])


if __name__ == "__main__":
    print(json.dumps(read_revision_graph()))
