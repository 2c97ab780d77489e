"""Per-key rate limiting of costly operations (analyzeArticle), shared by all API replicas.

A sliding window kept in Redis: one sorted set per key holds the times of the calls of the
last window. The Lua script prunes, counts and records in one atomic step, and takes the
time from the Redis server, so replicas with skewed clocks still agree. A refused call is
not recorded: a client that keeps retrying is let in again once the window has moved on.
"""

import math
import uuid

from redis.asyncio import Redis

from cost_model_service.config import Settings
from cost_model_service.errors import RateLimited
from cost_model_service.observability import metrics

# KEYS[1]: the key's call log. ARGV: limit, window in ms, a unique member prefix for this
# call, and its cost (how many calls it counts as: a batch counts its articles).
# Returns 0 when the call is allowed (and recorded), else the milliseconds to wait until
# enough earlier calls have left the window.
_SLIDING_WINDOW = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local limit, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local cost = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms - window)
local used = redis.call('ZCARD', KEYS[1])
if used + cost <= limit then
  for i = 1, cost do
    redis.call('ZADD', KEYS[1], now_ms, ARGV[3] .. ':' .. i)
  end
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local leaving = used + cost - limit
local oldest = redis.call('ZRANGE', KEYS[1], leaving - 1, leaving - 1, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now_ms)
"""

OPERATION = "analyzeArticle"


def rate_limit_key(settings: Settings, key: str) -> str:
    return settings.redis_keys.rate_limit(OPERATION, key)


async def check_rate_limit(redis: Redis, settings: Settings, key: str, cost: int = 1) -> None:
    """Record `cost` analyzeArticle calls for `key` (the tenant: a batch counts one per
    article), all or none, or raise RateLimited (with `max_items` for a batch that no
    window could ever admit: issue 15 fixed the code, maxItems tells the client to split)."""
    limit = settings.analyze_rate_limit_count
    window = settings.analyze_rate_limit_window_seconds
    if limit == 0 or window == 0:
        return
    if cost > limit:
        raise RateLimited(
            f"{OPERATION} is limited to {limit} articles per {window} s: a batch of {cost} "
            f"can never pass; send at most {limit} at a time",
            retry_after_seconds=window,
            max_items=limit,
        )
    script = redis.register_script(_SLIDING_WINDOW)
    wait_ms = int(
        await script(
            keys=[rate_limit_key(settings, key)],
            args=[limit, window * 1000, uuid.uuid4().hex, cost],
        )
    )
    if wait_ms > 0:
        metrics.rate_limited(OPERATION)
        retry_after = math.ceil(wait_ms / 1000)
        batch = "" if cost == 1 else f" (articles; this batch has {cost})"
        raise RateLimited(
            f"{OPERATION} is limited to {limit} calls per {window} s{batch}: "
            f"try again in {retry_after} s",
            retry_after_seconds=retry_after,
        )
