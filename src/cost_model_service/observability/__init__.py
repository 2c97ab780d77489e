"""What an operator watches: Prometheus metrics (`metrics.py`, the queue's collector in
`queue_metrics.py`, the scrape endpoints in `exposition.py`), structured logs with the
request's or job's ids (`logging.py`, `context.py`), optional OpenTelemetry traces
(`tracing.py`), and an analysis' stages timed and traced (`stages.py`).

The domain code calls the small hooks in `metrics.py` and `context.py` at the few places
that matter; nothing here imports strawberry or starlette except `exposition.py`, which
only the app imports. Importing this package never needs the `otel` extra.
"""
