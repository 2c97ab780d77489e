"""Automatic persisted queries, as Apollo Client's PersistedQueryLink speaks them.

The link first sends only `extensions.persistedQuery.sha256Hash` (by POST, or by GET with
`useGETForHashedQueries`). A known hash runs its query; an unknown one is answered
PERSISTED_QUERY_NOT_FOUND, upon which the link sends the query with the hash, and we
remember it. Queries live in Redis, shared by all API replicas, under the sha256 of their
own text (checked when stored and again when read), for CMS_APQ_TTL_SECONDS after they
were last sent in full; only documents that passed parsing and validation (and so the
token limit) are stored. With a TTL of 0 the answer is PERSISTED_QUERY_NOT_SUPPORTED,
which makes the link switch itself off.

Redis trouble never fails a request here: a lookup that cannot reach Redis is a miss (the
client falls back to sending the query) and a failed store is only logged.
"""

import dataclasses
import hashlib
import logging
import re

from redis.asyncio import Redis
from strawberry.http import GraphQLRequestData

from cost_model_service.outages import is_outage

log = logging.getLogger(__name__)

_SHA256 = re.compile(r"[0-9a-f]{64}")


class PersistedQueryError(Exception):
    """Answered over HTTP before anything executes, in GraphQL's error shape."""

    def __init__(self, status: int, message: str, code: str) -> None:
        super().__init__(message)
        self.status, self.message, self.code = status, message, code


# Apollo's link recognises these by code (older clients by message). 200, as Apollo Server
# answers; responses carrying them must not be cached (see the view).
NOT_FOUND = PersistedQueryError(200, "PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
NOT_SUPPORTED = PersistedQueryError(
    200, "PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED"
)


def sha256(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


def requested_hash(data: GraphQLRequestData) -> str | None:
    """The request's persisted-query hash, if it has one (validated)."""
    persisted = (data.extensions or {}).get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise PersistedQueryError(
            400, "unsupported persisted query version (expected 1)", "BAD_REQUEST"
        )
    digest = persisted.get("sha256Hash")
    if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
        raise PersistedQueryError(
            400, "persistedQuery.sha256Hash must be 64 lowercase hex digits", "BAD_REQUEST"
        )
    return digest


class PersistedQueries:
    def __init__(self, redis: Redis, prefix: str, ttl_seconds: int) -> None:
        self.redis = redis
        self.prefix = prefix
        self.ttl_seconds = ttl_seconds

    def _key(self, digest: str) -> str:
        return f"{self.prefix}:apq:{digest}"

    async def resolve(self, data: GraphQLRequestData) -> tuple[GraphQLRequestData, str | None]:
        """The request with its query filled in from the cache, and the hash to store the
        query under once it has validated (None: nothing to store)."""
        digest = requested_hash(data)
        if digest is None:
            return data, None
        if not self.ttl_seconds:
            raise NOT_SUPPORTED
        if data.query is not None:
            if sha256(data.query) != digest:
                raise PersistedQueryError(
                    400, "provided sha256Hash does not match the query", "BAD_REQUEST"
                )
            return data, digest
        query = await self._lookup(digest)
        if query is None:
            raise NOT_FOUND
        return dataclasses.replace(data, query=query), None

    async def _lookup(self, digest: str) -> str | None:
        try:
            # GETEX: each use keeps a popular query alive.
            stored = await self.redis.getex(self._key(digest), ex=self.ttl_seconds)
        except Exception as error:
            if not is_outage(error):
                raise
            log.warning("persisted query lookup failed, answering not found: %r", error)
            return None
        query = stored.decode() if isinstance(stored, bytes) else stored
        # Never run a query under a hash that is not its own, whatever Redis holds.
        return query if query is not None and sha256(query) == digest else None

    async def remember(self, digest: str, query: str) -> None:
        try:
            await self.redis.set(self._key(digest), query, ex=self.ttl_seconds)
        except Exception as error:
            if not is_outage(error):
                raise
            log.warning("persisted query not stored: %r", error)
