"""The catalogue exists twice, on purpose: seeded into the database by migration 0002 (what
a running service reads), and in code for work without a database (`cms extract
--cost-model`). They must agree."""

import importlib.util
from pathlib import Path

from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.cost_indices import service as cost_indices
from cost_model_service.cost_indices.catalogue import DEFAULT_CATALOGUE

MIGRATION = Path(__file__).parents[2] / "migrations/versions/0002_seed_cost_indices.py"


def _seeded() -> set[tuple[str, str]]:
    spec = importlib.util.spec_from_file_location("seed_cost_indices", MIGRATION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {(row[0], row[2]) for row in module.CATALOGUE}


def test_the_default_catalogue_has_the_codes_and_categories_migration_0002_seeds() -> None:
    assert {(i.code, i.category) for i in DEFAULT_CATALOGUE} == _seeded()


async def test_the_migrated_database_holds_the_default_catalogue(session: AsyncSession) -> None:
    stored = await cost_indices.catalogue(session)
    assert {(i.code, str(i.category)) for i in stored} == {
        (i.code, i.category) for i in DEFAULT_CATALOGUE
    }
