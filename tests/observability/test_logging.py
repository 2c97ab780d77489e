"""CMS_LOG_FORMAT=json: one object per line with the context's ids; routine lines DEBUG."""

import io
import json
import logging

import pytest

from cost_model_service.observability import context
from cost_model_service.observability.logging import configure_logging


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """The root logger configured as `cms` does, writing into a buffer; restored after."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    configure_logging("json", routine_jobs={"cms:sweep"})
    yield stream
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


def _lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_json_lines_carry_level_logger_message_and_the_context(captured: io.StringIO) -> None:
    token = context.REQUEST_ID.set("req-42")
    try:
        logging.getLogger("cms.test").warning("a %s line", "formatted")
    finally:
        context.REQUEST_ID.reset(token)
    logging.getLogger("cms.test").info("outside the request")
    first, second = _lines(captured)
    assert first["level"] == "WARNING" and first["logger"] == "cms.test"
    assert first["message"] == "a formatted line" and first["request_id"] == "req-42"
    assert first["timestamp"].endswith("Z")
    assert "request_id" not in second


async def test_a_job_binds_its_ids_for_every_line_in_its_task(captured: io.StringIO) -> None:
    import asyncio

    async def job() -> None:
        context.bind(job_id="cms:analyze:abc:1", job_try=2, article_id="abc")
        logging.getLogger("arq.worker").warning("inside the job")

    await asyncio.create_task(job())
    logging.getLogger("cms.test").warning("after the job")
    inside, after = _lines(captured)
    assert (inside["article_id"], inside["job_try"]) == ("abc", 2)
    assert "article_id" not in after  # the job's task had its own context


def test_exceptions_are_one_line_with_the_traceback(captured: io.StringIO) -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("cms.test").exception("failed")
    (line,) = _lines(captured)
    assert "ValueError: boom" in line["exception"]


def test_the_sweeps_cron_lines_and_alembics_plugin_lines_are_debug(
    captured: io.StringIO,
) -> None:
    arq = logging.getLogger("arq.worker")
    arq.info("%6.2fs → %s(%s)%s", 0.5, "cms:sweep", "", "")
    arq.info("%6.2fs ← %s ● %s", 0.02, "cms:sweep", "{'requeued': 0, 'failed': 0}")
    logging.getLogger("alembic.runtime.plugins").info("setup plugin %s", "x")
    arq.info("%6.2fs → %s(%s)%s", 0.01, "cms:analyze:abc:1:analyze_article", "", "")
    (line,) = _lines(captured)
    assert "analyze_article" in line["message"]
