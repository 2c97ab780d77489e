"""The running service for tests: the real ASGI app under uvicorn on a loopback port and
a real arq worker, both in this event loop, talking to real PostgreSQL and Redis."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import uvicorn
from starlette.applications import Starlette

from cost_model_service.app import create_app
from cost_model_service.config import Settings
from cost_model_service.graphql.context import AppServices
from cost_model_service.worker.settings import create_worker


@dataclass
class Stack:
    settings: Settings
    app: Starlette
    base_url: str
    http: httpx.AsyncClient

    @property
    def graphql_url(self) -> str:
        return f"{self.base_url}/graphql"

    @property
    def ws_url(self) -> str:
        return self.graphql_url.replace("http://", "ws://")

    @property
    def services(self) -> AppServices:
        return self.app.state.services


@contextlib.asynccontextmanager
async def running_api(settings: Settings) -> AsyncIterator[tuple[Starlette, str]]:
    app = create_app(settings)
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        log_level="warning",
        ws="websockets-sansio",
        ws_per_message_deflate=settings.ws_per_message_deflate,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield app, f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@contextlib.asynccontextmanager
async def running_worker(settings: Settings) -> AsyncIterator[None]:
    worker = create_worker(settings, handle_signals=False)
    task = asyncio.create_task(worker.main())
    try:
        yield
    finally:
        # Let jobs finish their bookkeeping (arq writes the result after our last event):
        # arq's close() cancels whatever still runs and then re-raises that cancellation.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(10):
                while any(not t.done() for t in worker.tasks.values()):
                    await asyncio.sleep(0.02)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await worker.close()


@contextlib.asynccontextmanager
async def running_stack(settings: Settings, *, worker: bool = True) -> AsyncIterator[Stack]:
    async with contextlib.AsyncExitStack() as stack:
        app, base_url = await stack.enter_async_context(running_api(settings))
        if worker:
            await stack.enter_async_context(running_worker(settings))
        http = await stack.enter_async_context(httpx.AsyncClient(timeout=30))
        yield Stack(settings, app, base_url, http)
