"""The spellings of our Redis keys are a contract with what a running Redis already holds
(queued jobs, open subscriptions, rate-limit windows): a deploy must not change them."""

import uuid

from cost_model_service.jobs.names import JobName
from cost_model_service.redis_keys import RedisKeys

ARTICLE = uuid.UUID("6f1c1e9e-3b1f-4f7a-9a51-3f1d8c1a2b3c")


def test_the_spellings_a_running_deployment_depends_on() -> None:
    keys = RedisKeys("cms")
    assert keys.queue == "cms:queue"
    assert keys.job_id(JobName.ANALYZE_ARTICLE, f"{ARTICLE}:2") == f"cms:analyze:{ARTICLE}:2"
    assert keys.article_status(ARTICLE) == f"cms:article:{ARTICLE}"
    assert keys.rate_limit("analyzeArticle", "t1") == "cms:ratelimit:analyzeArticle:t1"
    assert keys.sweep_cron == "cms:sweep"
    assert keys.price_alerts(ARTICLE) == f"cms:price-alerts:{ARTICLE}"


def test_a_new_job_is_spelled_after_its_name() -> None:
    assert RedisKeys("p").job_id(JobName.EVALUATE_PRICE_ALERTS, "t1:42") == (
        "p:evaluate_price_alerts:t1:42"
    )
