"""Every Redis key, channel and arq id the service uses, named in one place.

All of ours start with `CMS_REDIS_PREFIX`, so that deployments (or test runs) can share one
Redis server. The spellings are a contract with what is already in a running Redis (queued
jobs, open subscriptions, rate-limit windows): change one and a deploy strands them.
Adding a key is one method here; nothing else builds a key from the prefix.
"""

import uuid
from dataclasses import dataclass

# Job ids were article-only before any job could be enqueued by name, spelled
# `<prefix>:analyze:<article id>:<attempt>`. Keeping that spelling means a deploy finds the
# jobs already queued (the sweep asks for them by id) and never enqueues one twice.
_JOB_ID_WORDS = {"analyze_article": "analyze"}


@dataclass(frozen=True)
class RedisKeys:
    prefix: str

    # The job queue (arq's sorted set; arq adds `<queue>:health-check` itself).
    @property
    def queue(self) -> str:
        return f"{self.prefix}:queue"

    def job_id(self, job: str, key: str) -> str:
        """The arq id of job `job` for `key` (say `<article id>:<attempt>`): enqueueing the
        same job and key again while it is queued, running or its result is kept does
        nothing, so every enqueue may safely be repeated. (arq keeps its own keys per job
        id, `arq:job:<id>` and `arq:in-progress:<id>`: jobs/queue.py asks for them.)"""
        return f"{self.prefix}:{_JOB_ID_WORDS.get(job, job)}:{key}"

    def article_of_job(self, job_id: str) -> str | None:
        """The article an analysis job's id names (for its log lines), or None."""
        head = self.job_id("analyze_article", "")
        return job_id.removeprefix(head).split(":")[0] if job_id.startswith(head) else None

    # The name of the sweep's cron job: arq's cron ids are global to a Redis server, and
    # every deployment sharing one must run its own sweep.
    @property
    def sweep_cron(self) -> str:
        return f"{self.prefix}:sweep"

    # Pub/sub: one article's status events (articles/status.py).
    def article_status(self, article_id: uuid.UUID | str) -> str:
        return f"{self.prefix}:article:{article_id}"

    # Pub/sub: the price alerts one tenant's evaluations fired (price_alerts/feed.py).
    def price_alerts(self, tenant_id: uuid.UUID | str) -> str:
        return f"{self.prefix}:price-alerts:{tenant_id}"

    # Pub/sub: the status events of every article of one analysis batch (batches/progress.py).
    def batch_progress(self, batch_id: uuid.UUID | str) -> str:
        return f"{self.prefix}:batch:{batch_id}"

    # A sorted set of the calls of one rate-limited operation by one key (ratelimit.py).
    def rate_limit(self, operation: str, key: str) -> str:
        return f"{self.prefix}:ratelimit:{operation}:{key}"
