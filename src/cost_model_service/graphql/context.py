"""What every resolver can reach: the app's shared services and the operation's session."""

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from arq.connections import ArqRedis
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from cost_model_service.auth.principal import Principal
from cost_model_service.auth.service import Unauthenticated
from cost_model_service.config import Settings
from cost_model_service.db import SessionMaker
from cost_model_service.events.broadcaster import EventBroadcaster
from cost_model_service.graphql.loaders import Loaders, create_loaders

if TYPE_CHECKING:
    from cost_model_service.graphql.sockets import OpenSockets


@dataclass
class AppServices:
    """Created once per process by the app's lifespan."""

    settings: Settings
    sessionmaker: SessionMaker
    queue: ArqRedis
    broadcaster: EventBroadcaster
    sockets: "OpenSockets"


@dataclass
class Context:
    """One per operation: an HTTP request, or one operation on a WebSocket (see
    for_operation), so that each has its own session, DataLoader cache and credentials
    check, and a socket holds no database connection between operations."""

    request: Request | WebSocket
    response: Response | WebSocket | None
    services: AppServices
    # Set by the view: from the Authorization header (HTTP) or connection_init (WebSocket).
    principal_or_none: Principal | None = None
    connection_params: dict[str, Any] | None = None
    # WebSocket only: checks the connection's credentials again (see reauthenticate).
    authenticate: Callable[[], Awaitable[Principal]] | None = None
    _session: AsyncSession | None = field(default=None, init=False, repr=False)
    _session_lock: asyncio.Lock = field(default_factory=asyncio.Lock, init=False, repr=False)

    def for_operation(self) -> "Context":
        """A WebSocket's context for one of its operations: strawberry hands every
        operation on a socket the one context made at connection time."""
        return replace(self)

    async def reauthenticate(self) -> None:
        """A WebSocket authenticates at connection_init and may then run operations for
        hours: each one checks the credentials again, so that a revoked key or an expired
        token does nothing more."""
        if self.authenticate is not None:
            self.principal_or_none = await self.authenticate()

    @asynccontextmanager
    async def db(self) -> AsyncIterator[AsyncSession]:
        """The operation's one session, for one user at a time: graphql-core resolves
        sibling fields (root fields and aliases too) and DataLoader batches concurrently,
        and an AsyncSession refuses concurrent use. Not reentrant: never nest."""
        async with self._session_lock:
            if self._session is None:
                self._session = self.services.sessionmaker()
            yield self._session

    async def close(self) -> None:
        """Ends the operation's session; whatever was not committed is rolled back."""
        async with self._session_lock:
            session, self._session = self._session, None
            if session is not None:
                await session.close()

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

    @cached_property
    def loaders(self) -> Loaders:
        return create_loaders(self.db)

    def __getitem__(self, key: str) -> Any:
        # strawberry's GraphiQL/ws plumbing sometimes reads the context like a dict.
        return getattr(self, key)
