"""The Alembic migrations build exactly the schema the models describe, and seed the catalogue."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import SQLModel

from cost_model_service.models import load_all_models


async def test_models_and_migrations_agree(database_url: str) -> None:
    load_all_models()
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection:
            diff = await connection.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), SQLModel.metadata)
            )
            codes = (await connection.execute(text("SELECT code FROM cost_index"))).scalars()
            catalogue = set(codes)
    finally:
        await engine.dispose()
    assert diff == []
    assert len(catalogue) >= 15
    assert {"STEEL", "ALUMINIUM", "LABOUR", "ELECTRICITY", "FREIGHT", "FIXED"} <= catalogue
