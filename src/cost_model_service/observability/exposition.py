"""Where Prometheus scrapes: `/metrics` on the API, and a worker's own port.

Each process exposes its own metrics (prometheus-client's default registry), not the
multiprocess mode: every `cms api` and `cms worker` is one process and its own scrape
target. A worker listens on `CMS_WORKER_METRICS_PORT` (0, the default, is off: several
workers on one host each need a port of their own) on `CMS_HOST`.
"""

import logging
import threading
from wsgiref.simple_server import WSGIServer

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest, start_http_server
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from cost_model_service.config import Settings
from cost_model_service.observability.queue_metrics import QueueCollector

log = logging.getLogger(__name__)

_lock = threading.Lock()
_queue_collector: QueueCollector | None = None


def collect_queue(settings: Settings) -> None:
    """Register the queue's collector for this process (once: a second app, as in tests,
    replaces the first, whose queue may be another prefix's)."""
    global _queue_collector
    if not settings.redis_url:
        return
    with _lock:
        if _queue_collector is not None:
            REGISTRY.unregister(_queue_collector)
            _queue_collector.close()
        _queue_collector = QueueCollector(settings.redis_url, settings.redis_keys.queue)
        REGISTRY.register(_queue_collector)


async def metrics(request: Request) -> Response:
    # In a thread: the queue's collector asks Redis synchronously.
    body = await run_in_threadpool(generate_latest, REGISTRY)
    return Response(body, media_type=CONTENT_TYPE_LATEST)


def serve_worker_metrics(settings: Settings) -> WSGIServer | None:
    """The worker's metrics endpoint (any path answers), in a daemon thread."""
    if not settings.worker_metrics_port:
        return None
    collect_queue(settings)
    server, _ = start_http_server(settings.worker_metrics_port, addr=settings.host)
    log.info("worker metrics on http://%s:%d/metrics", settings.host, settings.worker_metrics_port)
    return server
