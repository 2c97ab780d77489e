"""GraphiQL in a real browser, offline: headless Debian Chromium, driven by Playwright,
opens /graphql with every request that leaves 127.0.0.1 blocked (and DNS for any other
host failing), and a person's steps work: the editor renders, the Headers tab carries
the API key to queries and to the WebSocket, a query shows its result, and a
subscription streams an article's stages live until COMPLETED.

On failure a screenshot, the page's HTML and its console go to .test-artifacts/browser/.
CMS_GRAPHIQL_SCREENSHOT=docs/graphiql.png saves the final screen (the README's picture).
"""

import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.async_api import BrowserContext, Page, Route, async_playwright

from cost_model_service.auth.keys import create_key
from cost_model_service.config import Settings
from tests.browser.chromium import ARTIFACTS, chromium_or_skip, launch_args
from tests.graphql_client import upload
from tests.helpers import changed
from tests.stack import running_api, running_worker

pytestmark = pytest.mark.slow

SPEC = b"Angle bracket AB-120\nMaterial: galvanised steel S235\nNet weight: 0.42 kg\n"
SUBSCRIPTION = """subscription Follow {
  articleStatus(id: "%s") {
    processingStatus
    processingStage
    version
  }
}"""
TIMEOUT_MS = 30_000


@contextlib.asynccontextmanager
async def offline_chromium(executable: str, blocked: list[str]) -> AsyncIterator[BrowserContext]:
    """A fresh profile; anything not on 127.0.0.1 is aborted and recorded in `blocked`."""

    async def only_loopback(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            await route.continue_()
        else:
            blocked.append(route.request.url)
            await route.abort("internetdisconnected")

    profile = tempfile.mkdtemp(prefix="cms-chromium-")
    try:
        async with async_playwright() as playwright:
            context = await playwright.chromium.launch_persistent_context(
                profile,
                executable_path=executable,
                headless=True,
                args=launch_args(),
                viewport={"width": 1280, "height": 800},
            )
            try:
                await context.route("**/*", only_loopback)
                yield context
            finally:
                await context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


async def _type_into(page: Page, editor: str, text: str) -> None:
    """Replaces an editor's text the way a person pastes it."""
    await page.click(f"{editor} .CodeMirror")
    await page.keyboard.press("Control+A")
    await page.keyboard.insert_text(text)


async def _result_contains(page: Page, text: str) -> None:
    await page.wait_for_function(
        "text => document.querySelector('.result-window')?.innerText.includes(text)",
        arg=text,
        timeout=TIMEOUT_MS,
    )


async def _submit(http: httpx.AsyncClient, graphql_url: str) -> str:
    response = await upload(
        http, graphql_url, name="Angle bracket AB-120", spec=("ab120.txt", SPEC, "text/plain")
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["analyzeArticle"]["id"]


async def test_graphiql_offline_query_and_live_subscription(
    settings: Settings, request: pytest.FixtureRequest
) -> None:
    executable = chromium_or_skip()
    secured = changed(settings, auth_required=True)
    blocked: list[str] = []
    console: list[str] = []
    async with contextlib.AsyncExitStack() as stack:
        app, base_url = await stack.enter_async_context(running_api(secured))
        graphql_url = f"{base_url}/graphql"
        async with app.state.services.sessionmaker() as session:
            _, key = await create_key(session, f"browser-{uuid.uuid4().hex[:8]}")
            await session.commit()
        http = await stack.enter_async_context(
            httpx.AsyncClient(timeout=30, headers={"Authorization": f"Bearer {key}"})
        )
        # No worker yet: the article waits QUEUED until the browser is watching it.
        article_id = await _submit(http, graphql_url)

        context = await stack.enter_async_context(offline_chromium(executable, blocked))
        page = await context.new_page()
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
        try:
            await page.goto(graphql_url)
            await page.wait_for_selector(".graphiql-query-editor .CodeMirror", timeout=TIMEOUT_MS)
            editor_text = await page.inner_text(".graphiql-query-editor")
            assert "Authentication is ON" in editor_text

            # The Headers tab is open (auth is on); the key goes in there, as the page says.
            await _type_into(
                page,
                ".graphiql-editor-tool .graphiql-editor:not(.hidden)",
                f'{{\n  "Authorization":\n    "Bearer {key}"\n}}',
            )
            # GraphiQL keeps them in this browser (after a 500 ms debounce); then the schema.
            await page.wait_for_function(
                "key => (localStorage.getItem('graphiql:headers') || '').includes(key)",
                arg=key,
                timeout=TIMEOUT_MS,
            )
            await page.click('[aria-label="Re-fetch GraphQL schema"]')
            await page.click('[aria-label="Show Documentation Explorer"]')
            await page.wait_for_selector(".graphiql-doc-explorer >> text=Query", timeout=TIMEOUT_MS)

            # The page's own first query, run from the UI.
            await page.click(".graphiql-execute-button")
            await _result_contains(page, '"totalCount": 1')
            await _result_contains(page, "Angle bracket AB-120")

            await _type_into(page, ".graphiql-query-editor", SUBSCRIPTION % article_id)
            # GraphiQL picks up the new operation's name after a debounce, as for a person.
            await page.wait_for_function(
                "() => localStorage.getItem('graphiql:operationName') === 'Follow'",
                timeout=TIMEOUT_MS,
            )
            await page.click(".graphiql-execute-button")
            await _result_contains(page, '"QUEUED"')
            await stack.enter_async_context(running_worker(secured))
            await _result_contains(page, '"COMPLETED"')
            await _result_contains(page, '"DONE"')

            if target := os.environ.get("CMS_GRAPHIQL_SCREENSHOT"):
                await page.click('[aria-label="Hide Documentation Explorer"]')
                await page.screenshot(path=target)
            assert blocked == [], f"the page reached outside 127.0.0.1: {blocked}"
            assert not [line for line in console if line.startswith("pageerror")], console
        except BaseException:
            await _save_artifacts(page, request.node.name, console, blocked)
            raise


async def _save_artifacts(page: Page, name: str, console: list[str], blocked: list[str]) -> None:
    out = ARTIFACTS / name
    out.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(Exception):
        await page.screenshot(path=out / "screen.png", full_page=True)
        (out / "page.html").write_text(await page.content())
    (out / "console.txt").write_text("\n".join(console + [f"blocked: {u}" for u in blocked]))
    print(f"browser artifacts in {out}")
