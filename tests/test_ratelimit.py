"""The analyzeArticle rate limit: against real Redis, then end to end."""

import asyncio
import time
import uuid

import pytest
from prometheus_client import REGISTRY
from redis.asyncio import Redis
from sqlalchemy import func
from sqlmodel import select

from cost_model_service.articles.models import Article
from cost_model_service.auth import keys
from cost_model_service.config import Settings
from cost_model_service.errors import RateLimited
from cost_model_service.ratelimit import check_rate_limit, rate_limit_key
from tests.graphql_client import PREFLIGHT, upload
from tests.helpers import changed
from tests.stack import running_stack

SPEC = ("spec.txt", b"Bracket\nsteel\nNet weight: 0.3 kg\n", "text/plain")


@pytest.fixture
async def redis(redis_url: str):
    client = Redis.from_url(redis_url)
    yield client
    await client.aclose()


def _limited(settings: Settings, count: int, window: int) -> Settings:
    return changed(
        settings, analyze_rate_limit_count=count, analyze_rate_limit_window_seconds=window
    )


async def _allowed(redis: Redis, settings: Settings, key: str, calls: int) -> int:
    results = await asyncio.gather(
        *(check_rate_limit(redis, settings, key) for _ in range(calls)), return_exceptions=True
    )
    for result in results:
        if result is not None and not isinstance(result, RateLimited):
            raise result
    return sum(result is None for result in results)


async def test_n_calls_pass_then_the_next_is_refused_with_when_to_retry(
    redis: Redis, settings: Settings
) -> None:
    limited = _limited(settings, 3, 60)
    for _ in range(3):
        await check_rate_limit(redis, limited, "tenant-a")
    with pytest.raises(RateLimited) as refused:
        await check_rate_limit(redis, limited, "tenant-a")
    assert refused.value.code == "RATE_LIMITED"
    assert 55 <= refused.value.retry_after_seconds <= 60
    assert refused.value.message == (
        f"analyzeArticle is limited to 3 calls per 60 s: try again in "
        f"{refused.value.retry_after_seconds} s"
    )
    assert refused.value.extensions["retryAfterSeconds"] == refused.value.retry_after_seconds
    await check_rate_limit(redis, limited, "tenant-b")  # every key has its own budget
    key = rate_limit_key(limited, "tenant-a")
    assert key.startswith(f"{settings.redis_prefix}:")
    assert await redis.zcard(key) == 3  # the refused call was not recorded
    assert 0 < await redis.pttl(key) <= 60_000  # and the key expires with its window


async def test_concurrent_calls_cannot_overrun_the_limit(redis: Redis, settings: Settings) -> None:
    assert await _allowed(redis, _limited(settings, 5, 60), "burst", 40) == 5


async def test_the_window_slides(redis: Redis, settings: Settings) -> None:
    limited = _limited(settings, 2, 2)
    await check_rate_limit(redis, limited, "slow")
    await asyncio.sleep(1.0)
    await check_rate_limit(redis, limited, "slow")
    with pytest.raises(RateLimited) as refused:
        await check_rate_limit(redis, limited, "slow")
    assert refused.value.retry_after_seconds in (1, 2)
    started = time.monotonic()
    while True:  # the first call leaves the window ~1 s later
        try:
            await check_rate_limit(redis, limited, "slow")
            break
        except RateLimited:
            await asyncio.sleep(0.05)
    assert time.monotonic() - started < 1.5
    # The second call is still inside: a fixed window would have reset both.
    with pytest.raises(RateLimited):
        await check_rate_limit(redis, limited, "slow")


async def test_zero_disables_the_limit(redis: Redis, settings: Settings) -> None:
    assert await _allowed(redis, _limited(settings, 0, 60), "free", 50) == 50
    assert await _allowed(redis, _limited(settings, 1, 0), "free", 50) == 50
    assert not [key async for key in redis.scan_iter(match=f"{settings.redis_prefix}:*")]


@pytest.mark.slow
async def test_the_next_analyze_article_is_rate_limited_and_stores_nothing(
    settings: Settings,
) -> None:
    async with running_stack(_limited(settings, 2, 60), worker=False) as stack:
        for n in range(2):
            response = await upload(stack.http, stack.graphql_url, name=f"Part {n}", spec=SPEC)
            assert "errors" not in response.json()
        async with stack.services.sessionmaker() as session:
            before = (await session.exec(select(func.count()).select_from(Article))).one()
        response = await upload(stack.http, stack.graphql_url, name="One too many", spec=SPEC)
        body = response.json()
        assert body["data"] is None
        assert [e["extensions"]["code"] for e in body["errors"]] == ["RATE_LIMITED"]
        assert "try again in" in body["errors"][0]["message"]
        async with stack.services.sessionmaker() as session:
            after = (await session.exec(select(func.count()).select_from(Article))).one()
        assert after == before


@pytest.mark.slow
async def test_each_tenant_has_its_own_analyze_budget(settings: Settings) -> None:
    secured = changed(_limited(settings, 1, 60), auth_required=True)
    async with running_stack(secured, worker=False) as stack:
        async with stack.services.sessionmaker() as session:
            tenant_a = f"limited-a-{uuid.uuid4().hex[:6]}"
            _, key_a = await keys.create_key(session, tenant_a)
            _, key_a2 = await keys.create_key(session, tenant_a)
            _, key_b = await keys.create_key(session, f"limited-b-{uuid.uuid4().hex[:6]}")
            await session.commit()

        async def analyze(key: str) -> dict:
            response = await upload(
                stack.http,
                stack.graphql_url,
                name="Part",
                spec=SPEC,
                headers={**PREFLIGHT, "Authorization": f"Bearer {key}"},
            )
            return response.json()

        assert "errors" not in await analyze(key_a)
        # Another key of the same tenant shares its budget; another tenant has its own.
        refused = await analyze(key_a2)
        assert [e["extensions"]["code"] for e in refused["errors"]] == ["RATE_LIMITED"]
        assert "errors" not in await analyze(key_b)


async def test_each_refusal_is_counted(redis: Redis, settings: Settings) -> None:
    def refusals() -> float:
        return (
            REGISTRY.get_sample_value(
                "cms_rate_limit_refusals_total", {"operation": "analyzeArticle"}
            )
            or 0.0
        )

    before = refusals()
    assert await _allowed(redis, _limited(settings, 2, 60), f"metrics-{uuid.uuid4()}", 5) == 2
    assert refusals() - before == 3


async def test_a_batch_counts_its_articles_all_or_none(redis: Redis, settings: Settings) -> None:
    limited = _limited(settings, 10, 60)
    await check_rate_limit(redis, limited, "batch", cost=6)
    with pytest.raises(RateLimited) as refused:
        await check_rate_limit(redis, limited, "batch", cost=5)  # 6 + 5 > 10: none counted
    assert refused.value.code == "RATE_LIMITED"
    assert 55 <= refused.value.retry_after_seconds <= 60
    assert "this batch has 5" in refused.value.message
    assert await redis.zcard(rate_limit_key(limited, "batch")) == 6
    await check_rate_limit(redis, limited, "batch", cost=4)  # exactly up to the limit
    with pytest.raises(RateLimited) as never:
        await check_rate_limit(redis, limited, "other", cost=11)  # can never pass
    assert never.value.extensions == {
        "code": "RATE_LIMITED",
        "retryAfterSeconds": 60,
        "maxItems": 10,
    }
    assert not await redis.exists(rate_limit_key(limited, "other"))  # nothing counted


async def test_the_default_limit_admits_a_full_batch(redis: Redis, settings: Settings) -> None:
    """The limit counts articles; its defaults must still let the largest batch through
    (at 30 a minute sustained, as single calls)."""
    fields = Settings.model_fields  # the defaults, whatever this machine's environment says
    count = fields["analyze_rate_limit_count"].default
    window = fields["analyze_rate_limit_window_seconds"].default
    batch = fields["batch_max_items"].default
    assert (count, window, batch) == (150, 300, 100)
    limited = _limited(settings, count, window)
    key = f"full-{uuid.uuid4()}"
    await check_rate_limit(redis, limited, key, cost=batch)
    assert await redis.zcard(rate_limit_key(limited, key)) == batch
