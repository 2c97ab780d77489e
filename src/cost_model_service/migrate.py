"""Running the Alembic migrations from code (cms migrate, cms dev, the test suite)."""

from pathlib import Path

from alembic import command
from alembic.config import Config

# The repository's alembic.ini; the service runs from a checkout (uv run) or a container copy.
ALEMBIC_INI = Path(__file__).resolve().parents[2] / "alembic.ini"


def alembic_config(database_url: str) -> Config:
    config = Config(str(ALEMBIC_INI))
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Blocking: runs its own event loop, so call it from a thread inside async code."""
    command.upgrade(alembic_config(database_url), revision)
