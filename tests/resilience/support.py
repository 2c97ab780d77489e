"""Small helpers for the fault-injection tests."""

import asyncio
from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from cost_model_service.config import Settings
from cost_model_service.db import create_engine


async def article_row(settings: Settings, article_id: str) -> dict[str, Any]:
    """The article's row and its cost model parts, straight from PostgreSQL."""
    engine = create_engine(settings.database_url or "")
    try:
        async with engine.connect() as session:
            row = (
                (
                    await session.execute(
                        text(
                            "SELECT processing_status, processing_stage, processing_error, "
                            "version, "
                            "analysis_attempt FROM article WHERE id = :id"
                        ),
                        {"id": article_id},
                    )
                )
                .mappings()
                .one()
            )
            parts = (
                await session.execute(
                    text(
                        "SELECT i.code, p.part FROM cost_model_part p JOIN cost_index i "
                        "ON i.id = p.cost_index_id WHERE p.article_id = :id"
                    ),
                    {"id": article_id},
                )
            ).all()
    finally:
        await engine.dispose()
    return {**row, "parts": [(code, part) for code, part in parts]}


async def execute(settings: Settings, statement: str, **params: Any) -> None:
    engine = create_engine(settings.database_url or "")
    try:
        async with engine.begin() as connection:
            await connection.execute(text(statement), params)
    finally:
        await engine.dispose()


async def wait_for(predicate: Callable[[], bool], timeout: float) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.05)


async def status_of(settings: Settings, article_id: str) -> str:
    return str((await article_row(settings, article_id))["processing_status"])


async def wait_for_status(
    settings: Settings, article_id: str, statuses: set[str], timeout: float
) -> dict[str, Any]:
    """Polls PostgreSQL (not the API) until the article is in one of `statuses`."""
    async with asyncio.timeout(timeout):
        while True:
            row = await article_row(settings, article_id)
            if row["processing_status"] in statuses:
                return row
            await asyncio.sleep(0.1)
