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

# KEYS[1]: the key's call log. ARGV: limit, window in ms, a unique member for this call.
# Returns 0 when the call is allowed (and recorded), else the milliseconds to wait.
_SLIDING_WINDOW = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local limit, window = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now_ms, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now_ms)
"""

OPERATION = "analyzeArticle"


def rate_limit_key(settings: Settings, key: str) -> str:
    return settings.redis_keys.rate_limit(OPERATION, key)


async def check_rate_limit(redis: Redis, settings: Settings, key: str) -> None:
    """Record one analyzeArticle call for `key` (the tenant), or raise RateLimited."""
    limit = settings.analyze_rate_limit_count
    window = settings.analyze_rate_limit_window_seconds
    if limit == 0 or window == 0:
        return
    script = redis.register_script(_SLIDING_WINDOW)
    wait_ms = int(await script(keys=[rate_limit_key(settings, key)],
                               args=[limit, window * 1000, uuid.uuid4().hex]))
    if wait_ms > 0:
        metrics.rate_limited(OPERATION)
        retry_after = math.ceil(wait_ms / 1000)
        raise RateLimited(
            f"{OPERATION} is limited to {limit} calls per {window} s: "
            f"try again in {retry_after} s",
            retry_after_seconds=retry_after,
        )
