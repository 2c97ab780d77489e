"""What every resolver can reach: the app's shared services and this request's session."""

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from arq.connections import ArqRedis
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from cost_model_service.auth.principal import Principal
from cost_model_service.auth.service import Unauthenticated
from cost_model_service.config import Settings
from cost_model_service.db import SessionMaker
from cost_model_service.events.broadcaster import EventBroadcaster
from cost_model_service.graphql.loaders import Loaders, create_loaders


@dataclass
class AppServices:
    """Created once per process by the app's lifespan."""

    settings: Settings
    sessionmaker: SessionMaker
    queue: ArqRedis
    broadcaster: EventBroadcaster


@dataclass
class Context:
    request: Request | WebSocket
    response: Response | WebSocket | None
    services: AppServices
    # Set by the view: from the Authorization header (HTTP) or connection_init (WebSocket).
    principal_or_none: Principal | None = None
    connection_params: dict[str, Any] | None = None
    # WebSocket only: checks the connection's credentials again (see refresh_principal).
    reauthenticate: Callable[[], Awaitable[Principal]] | None = None
    session_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _session: AsyncSession | None = None

    async def refresh_principal(self) -> None:
        """A WebSocket connection authenticates once, at connection_init, and may then start
        subscriptions for hours: each one checks the credentials again, so that a revoked
        key or an expired token starts nothing new."""
        if self.reauthenticate is not None:
            self.principal_or_none = await self.reauthenticate()

    @property
    def principal(self) -> Principal:
        if self.principal_or_none is None:  # a WebSocket that skipped connection_init
            raise Unauthenticated("authentication required")
        return self.principal_or_none

    @property
    def tenant_id(self) -> uuid.UUID:
        return self.principal.tenant_id

    @property
    def rate_limit_key(self) -> str:
        """Whose budget a rate-limited call (analyzeArticle) counts against: the tenant's,
        shared by all its keys and users, so that one tenant cannot starve the others."""
        return str(self.tenant_id)

    @property
    def settings(self) -> Settings:
        return self.services.settings

    @property
    def session(self) -> AsyncSession:
        """The request's one session, opened on first use and closed after the response."""
        if self._session is None:
            self._session = self.services.sessionmaker()
            if isinstance(self.response, Response):
                self.response.background = BackgroundTask(self._session.close)
        return self._session

    @cached_property
    def loaders(self) -> Loaders:
        return create_loaders(self.session, self.session_lock)

    def __getitem__(self, key: str) -> Any:
        # strawberry's GraphiQL/ws plumbing sometimes reads the context like a dict.
        return getattr(self, key)
