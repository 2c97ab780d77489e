"""Database engine and sessions: one AsyncSession per request or job."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import Dialect, String, TypeDecorator
from sqlalchemy.ext import asyncio as sqlalchemy_asyncio
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

SessionMaker = async_sessionmaker[AsyncSession]


def create_engine(database_url: str, *, pool_size: int = 5) -> AsyncEngine:
    # pool_pre_ping: a PostgreSQL restart must cost one failed ping, not a failed request.
    # Looked up when called: tracing (observability/tracing.py) wraps it to trace every
    # statement of the engines created after it was turned on.
    return sqlalchemy_asyncio.create_async_engine(
        database_url, pool_size=pool_size, pool_pre_ping=True
    )


def create_sessionmaker(engine: AsyncEngine) -> SessionMaker:
    # expire_on_commit=False: objects stay readable after commit without a lazy reload,
    # which async code cannot do implicitly.
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


@asynccontextmanager
async def session_scope(sessionmaker: SessionMaker) -> AsyncIterator[AsyncSession]:
    """A session that rolls back whatever was not committed when the block ends."""
    async with sessionmaker() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise


@asynccontextmanager
async def held_session_scope(
    engine: AsyncEngine, sessionmaker: SessionMaker
) -> AsyncIterator[AsyncSession]:
    """session_scope on one connection, held from start to end (a job's). A plain session
    hands its connection back at every commit and checks one out at its next statement,
    each time with the pre-ping (BEGIN, a statement, ROLLBACK: three round trips); an
    analysis commits every stage, and paid more for the pings than for its own writes."""
    async with engine.connect() as connection, sessionmaker(bind=connection) as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise


E = TypeVar("E", bound=StrEnum)


class StrEnumColumn(TypeDecorator[E]):
    """A StrEnum stored as its value in a VARCHAR (no database enum type to migrate)."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int) -> None:
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        return None if value is None else self.enum(value)
