"""The job queue's depth and the age of its oldest waiting job, read from Redis at scrape
time (a custom collector), so that they are right whichever process is scraped and cost
nothing between scrapes.

arq keeps a job in its queue (a sorted set scored by when the job is due) until the job
has finished, so the queue holds waiting, running (an in-progress key) and deferred
(a retry's later score) jobs. A scrape costs three Redis round trips: ZCARD and ZCOUNT,
the oldest due jobs (at most `PEEK`), and one EXISTS per peeked job for its in-progress
key, pipelined. Running jobs are the oldest due ones (arq takes jobs in order), so the
peek finds them unless more than `PEEK` run at once.
"""

import logging
import time
from collections.abc import Iterator

from arq.constants import in_progress_key_prefix
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from redis import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

PEEK = 200
# A scrape must not hang on a Redis that does not answer.
TIMEOUT_SECONDS = 2.0


class QueueCollector(Collector):
    def __init__(self, redis_url: str, queue: str) -> None:
        self._redis = Redis.from_url(
            redis_url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS
        )
        self._queue = queue

    def describe(self) -> list[GaugeMetricFamily]:
        return []  # no Redis round trip when the collector is registered

    def collect(self) -> Iterator[GaugeMetricFamily]:
        up = GaugeMetricFamily(
            "cms_queue_up",
            "1 when the queue's metrics could be read from Redis at this scrape, 0 otherwise.",
        )
        try:
            waiting, running, deferred, oldest = self._read()
        except (RedisError, OSError) as error:
            log.debug("queue metrics unavailable: %r", error)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        depth = GaugeMetricFamily(
            "cms_queue_depth",
            "Jobs in the queue by state: waiting "
            "(due, not started), running, deferred (a retry's backoff).",
            labels=["state"],
        )
        for state, count in (("waiting", waiting), ("running", running), ("deferred", deferred)):
            depth.add_metric([state], count)
        yield depth
        yield GaugeMetricFamily(
            "cms_queue_oldest_age_seconds",
            "How long the oldest waiting job has been due (0 when none waits).",
            value=oldest,
        )

    def _read(self) -> tuple[int, int, int, float]:
        now_ms = time.time() * 1000
        with self._redis.pipeline(transaction=False) as pipe:
            pipe.zcard(self._queue)
            pipe.zcount(self._queue, "-inf", now_ms)
            pipe.zrangebyscore(self._queue, "-inf", now_ms, start=0, num=PEEK, withscores=True)
            total, due, peeked = pipe.execute()
        with self._redis.pipeline(transaction=False) as pipe:
            for member, _ in peeked:
                pipe.exists(in_progress_key_prefix + _text(member))
            flags = pipe.execute() if peeked else []
        running = sum(1 for flag in flags if flag)
        oldest = next(
            (score for (_, score), flag in zip(peeked, flags, strict=True) if not flag), None
        )
        age = max(0.0, (now_ms - oldest) / 1000) if oldest is not None else 0.0
        return due - running, running, total - due, age

    def close(self) -> None:
        self._redis.close()


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
