"""What every resolver can reach: the app's shared services and this request's session."""

import asyncio
import uuid
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
    session_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _session: AsyncSession | None = None

    @property
    def principal(self) -> Principal:
        if self.principal_or_none is None:  # a WebSocket that skipped connection_init
            raise Unauthenticated("authentication required")
        return self.principal_or_none

    @property
    def tenant_id(self) -> uuid.UUID:
        return self.principal.tenant_id

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
