"""Small helpers shared by the tests."""

import asyncio
import uuid
from typing import Any

import asyncpg
from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.articles import service as articles
from cost_model_service.articles.models import Article, FileKind
from cost_model_service.articles.schemas import NewFile
from cost_model_service.auth.models import DEFAULT_TENANT_ID
from cost_model_service.config import Settings
from cost_model_service.urls import libpq_url
from tests.graphql_client import STATUS_FIELDS, post, upload
from tests.stack import Stack


async def admin_execute(admin_url: str, statement: str) -> None:
    """One statement on the server's admin database (CREATE or DROP DATABASE, which no
    transaction may hold)."""
    connection = await asyncpg.connect(libpq_url(admin_url))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


STATUS = f"query S($id: ID!) {{ articleStatus(id: $id) {{ {STATUS_FIELDS} }} }}"

ARTICLE = """query A($id: ID!) { article(id: $id) {
  id articleName unitWeight processingStatus processingStage processingError
  costModelMethod weightExtraction { method evidence confidence }
  llmUsage { model promptTokens completionTokens calls }
  files { kind filename contentType size sha256 }
  costModel { part rationale index { code name category } } } }"""


async def submit(
    stack: Stack,
    spec: bytes,
    *,
    name: str = "Article",
    filename: str = "spec.txt",
    content_type: str = "text/plain",
) -> str:
    response = await upload(
        stack.http, stack.graphql_url, name=name, spec=(filename, spec, content_type)
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["analyzeArticle"]["id"]


async def wait_until_finished(stack: Stack, article_id: str, timeout: float = 30) -> dict:
    """Polls the status query (the clients' fallback) until COMPLETED or FAILED."""
    async with asyncio.timeout(timeout):
        while True:
            status = await post(stack.http, stack.graphql_url, STATUS, id=article_id)
            status = status["data"]["articleStatus"]
            if status["processingStatus"] in ("COMPLETED", "FAILED"):
                return status
            await asyncio.sleep(0.05)


async def article(stack: Stack, article_id: str) -> dict[str, Any]:
    body = await post(stack.http, stack.graphql_url, ARTICLE, id=article_id)
    assert "errors" not in body, body
    return body["data"]["article"]


def changed(settings: Settings, **changes: Any) -> Settings:
    """A validated copy (model_copy(update=...) would skip validation)."""
    return Settings(_env_file=None, **{**settings.model_dump(), **changes})  # type: ignore[call-arg]


async def article_count(stack: Stack) -> int:
    """Articles in the database (of every tenant): a refused request must not add one."""
    async with stack.services.sessionmaker() as session:
        return (await session.exec(select(func.count()).select_from(Article))).one()


async def stored_article(
    session: AsyncSession,
    spec: bytes = b"Bracket\nsteel\nNet weight: 0.42 kg\n",
    *,
    tenant_id: uuid.UUID = DEFAULT_TENANT_ID,
    name: str = "Bracket",
) -> Article:
    """An article as analyzeArticle stores it (PROCESSING, QUEUED, committed), no job."""
    article = articles.add_for_analysis(
        session,
        tenant_id,
        name,
        None,
        [NewFile(FileKind.specification, "spec.txt", "text/plain", spec)],
    )
    await session.commit()
    return article
