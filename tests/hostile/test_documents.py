"""Hostile documents (issue 8, items 5-7) against the real stack: uvicorn API, arq worker,
PostgreSQL, Redis, and the isolated extraction processes.

Each case ends FAILED with a reason naming the limit it hit (or its true reason), costs
the worker (this process) no memory, keeps the extraction process within its memory
limit (peak RSS sampled from /proc), never holds the worker's event loop, and leaves
nothing half-written.
"""

import asyncio
import contextlib
import importlib.util
import os
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from cost_model_service.analysis import isolation
from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.submission import analysis_job_is_live
from cost_model_service.config import Settings
from cost_model_service.jobs.queue import create_redis
from tests.graphql_client import post
from tests.helpers import STATUS, article, changed, submit, wait_until_finished
from tests.hostile import document_bombs as bombs
from tests.stack import Stack, running_stack

pytestmark = pytest.mark.slow

MB = 1024 * 1024
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SMALL = b"Angle bracket AB-120\nMaterial: galvanised steel S235\nNet weight: 0.42 kg\n"
# What the worker (this process: API and worker run in the test's event loop) may grow by
# while a hostile document is read elsewhere. Before isolation the DOCX cost it 2.1 GB.
WORKER_GROWTH = 150 * MB
needs_ocr = pytest.mark.skipif(
    importlib.util.find_spec("rapidocr_onnxruntime") is None,
    reason="the 'ocr' extra is not installed",
)


# --- measuring ----------------------------------------------------------------------------


def _status(pid: str) -> dict[str, str]:
    with open(f"/proc/{pid}/status") as status:
        return dict(line.split(":", 1) for line in status if ":" in line)


def _kb(value: str) -> int:
    return int(value.split()[0]) * 1024


def _isolated_pids() -> list[str]:
    """Our pools' processes: forked by multiprocessing's fork server, itself our child
    (other runs on this machine have their own)."""
    parents: dict[str, str] = {}
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError, KeyError):
            if (
                entry.name.isdigit()
                and b"multiprocessing.forkserver" in (entry / "cmdline").read_bytes()
            ):
                parents[entry.name] = _status(entry.name)["PPid"].strip()
    servers = {pid for pid, parent in parents.items() if parent == str(os.getpid())}
    return [pid for pid, parent in parents.items() if parent in servers]


class Memory:
    """Peak RSS while a case runs, sampled from /proc every 20 ms: of this process and of
    the isolated processes (VmHWM, reset at the start, so the peak between samples counts)."""

    def __init__(self) -> None:
        self.worker_base = _kb(_status("self")["VmRSS"])
        self.worker_peak = self.worker_base
        self.child_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "Memory":
        for pid in _isolated_pids():
            with contextlib.suppress(OSError):
                Path(f"/proc/{pid}/clear_refs").write_text("5")
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    @property
    def worker_growth(self) -> int:
        return self.worker_peak - self.worker_base

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self._sample()

    def _sample(self) -> None:
        self.worker_peak = max(self.worker_peak, _kb(_status("self")["VmRSS"]))
        for pid in _isolated_pids():
            with contextlib.suppress(OSError, KeyError):
                self.child_peak = max(self.child_peak, _kb(_status(pid)["VmHWM"]))

    def report(self, case: str) -> str:
        return (
            f"{case}: worker +{self.worker_growth // MB} MB, "
            f"extraction process peak {self.child_peak // MB} MB"
        )


@contextlib.asynccontextmanager
async def loop_lag() -> AsyncIterator[list[float]]:
    """The longest the event loop was held, in seconds (list of one, filled at exit)."""
    worst = [0.0]
    loop = asyncio.get_running_loop()

    async def tick() -> None:
        while True:
            before = loop.time()
            await asyncio.sleep(0.005)
            worst[0] = max(worst[0], loop.time() - before - 0.005)

    ticker = asyncio.create_task(tick())
    try:
        yield worst
    finally:
        ticker.cancel()


# --- helpers ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fresh_pools() -> Iterator[None]:
    """Each case measures processes of its own: pools left by earlier modules (one that
    ran OCR keeps ~500 MB resident) are closed first, and pools with this module's limits
    are not left to the rest of the run."""
    isolation.close_all()
    yield
    isolation.close_all()


async def _stage(stack: Stack, article_id: str) -> dict[str, Any]:
    return (await post(stack.http, stack.graphql_url, STATUS, id=article_id))["data"][
        "articleStatus"
    ]


async def _wait_for_stage(stack: Stack, article_id: str, stage: str) -> None:
    async with asyncio.timeout(30):
        while (await _stage(stack, article_id))["processingStage"] != stage:
            await asyncio.sleep(0.02)


async def _assert_failed_cleanly(stack: Stack, article_id: str, status: dict[str, Any]) -> str:
    """FAILED at once (a permanent failure, no retries), nothing half-written in
    PostgreSQL, no job left in Redis; returns the reason."""
    assert status["processingStatus"] == "FAILED", status
    reason = status["processingError"]
    assert "gave up after" not in reason  # not retried: a limit is permanent
    row = await article(stack, article_id)
    assert row["costModel"] == [] and row["unitWeight"] is None
    assert row["weightExtraction"] is None and row["costModelMethod"] is None
    redis = create_redis(stack.settings)
    try:
        async with asyncio.timeout(10):  # arq drops its keys just after our last event
            while await analysis_job_is_live(redis, stack.settings, uuid.UUID(article_id), 1):
                await asyncio.sleep(0.05)
    finally:
        await redis.aclose()
    return reason


def _completed(status: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(status["processingCompletedAt"])


async def _small_article_completes(stack: Stack) -> dict[str, Any]:
    small = await submit(stack, SMALL, name="Bracket", filename="ab120.txt")
    status = await wait_until_finished(stack, small, timeout=30)
    assert status["processingStatus"] == "COMPLETED", status
    return status


# --- item 5: DOCX -------------------------------------------------------------------------


async def test_docx_header_bomb_is_refused_before_it_is_parsed(settings: Settings) -> None:
    data = bombs.docx_header_bomb()  # 95 header parts of 1 MiB, ~200 KB on the wire
    async with running_stack(settings) as stack:
        with Memory() as memory:
            bomb = await submit(stack, data, filename="offer.docx", content_type=DOCX)
            status = await wait_until_finished(stack, bomb, timeout=60)
        print(memory.report("docx header bomb"))
        reason = await _assert_failed_cleanly(stack, bomb, status)
        assert reason.startswith("could not read productSpecification: the document's XML parts")
        assert "(limit CMS_EXTRACTION_MAX_XML_" in reason
        assert memory.worker_growth < WORKER_GROWTH
        assert memory.child_peak < 400 * MB  # refused from counts, nothing was parsed
        await _small_article_completes(stack)


async def test_docx_bomb_past_the_parse_bounds_stops_at_the_memory_limit(
    settings: Settings,
) -> None:
    """With the XML bounds lifted, python-docx parses 95 MiB of XML (2.2 GB in lxml): the
    process's memory limit stops it, and the worker serves other articles meanwhile."""
    limit_mb = 768
    settings = changed(
        settings,
        extraction_max_xml_mb=1000,
        extraction_max_xml_elements=10**9,
        extraction_max_memory_mb=limit_mb,
    )
    data = bombs.docx_header_bomb()
    async with running_stack(settings) as stack:
        with Memory() as memory:
            async with loop_lag() as lag:
                bomb = await submit(stack, data, filename="offer.docx", content_type=DOCX)
                await _wait_for_stage(stack, bomb, "EXTRACTING_TEXT")
                await _small_article_completes(stack)  # the other process serves it
                status = await wait_until_finished(stack, bomb, timeout=60)
        print(memory.report("docx past the bounds"), f"loop held {lag[0]:.3f}s at most")
        reason = await _assert_failed_cleanly(stack, bomb, status)
        assert reason == (
            "could not read productSpecification: reading the file needed more "
            f"than {limit_mb} MB of memory (limit CMS_EXTRACTION_MAX_MEMORY_MB)"
        )
        assert memory.worker_growth < WORKER_GROWTH
        # RLIMIT_DATA bounds the heap; RSS adds shared libraries and the interpreter.
        assert 0.8 * limit_mb * MB < memory.child_peak < (limit_mb + 200) * MB
        assert lag[0] < 1.0
        await _small_article_completes(stack)  # the process was given its memory back


# --- item 6: PDF and PNG ------------------------------------------------------------------


async def test_pdf_stream_bomb_fails_naming_the_stream_limit(settings: Settings) -> None:
    data = bombs.pdf_stream_bomb()  # ~200 KB, one content stream inflating to 70 MB
    async with running_stack(settings) as stack:
        with Memory() as memory:
            bomb = await submit(stack, data, filename="sheet.pdf", content_type="application/pdf")
            status = await wait_until_finished(stack, bomb, timeout=60)
        print(memory.report("pdf stream bomb"))
        reason = await _assert_failed_cleanly(stack, bomb, status)
        assert reason == (
            "could not read productSpecification: the PDF's content streams "
            "exceed 25 MB when decompressed (limit CMS_EXTRACTION_MAX_PDF_STREAM_MB)"
        )
        assert memory.worker_growth < WORKER_GROWTH
        assert memory.child_peak < 400 * MB


async def test_pdf_past_the_stream_bound_is_killed_at_the_timeout(settings: Settings) -> None:
    """With the stream bound lifted, pypdf parses 30 pages of 9 MB of operators each (one
    stream under pypdf's token limit, shared: about 9 s of CPU a page): the per-file timeout kills
    the process; a new one takes its place."""
    settings = changed(settings, extraction_max_pdf_stream_mb=1000, extraction_timeout_seconds=8)
    data = bombs.pdf_stream_bomb(9_000_000, pages=30)
    async with running_stack(settings) as stack:
        with Memory() as memory:
            bomb = await submit(stack, data, filename="sheet.pdf", content_type="application/pdf")
            await _wait_for_stage(stack, bomb, "EXTRACTING_TEXT")
            small = await _small_article_completes(stack)
            status = await wait_until_finished(stack, bomb, timeout=60)
        print(memory.report("pdf past the stream bound"))
        reason = await _assert_failed_cleanly(stack, bomb, status)
        assert reason == (
            "could not read productSpecification: reading 'sheet.pdf' took "
            "longer than 8 s (limit CMS_EXTRACTION_TIMEOUT_SECONDS)"
        )
        assert _completed(small) < _completed(status)  # served while the bomb was being read
        assert memory.worker_growth < WORKER_GROWTH
        await _small_article_completes(stack)  # twice: both processes work again
        await _small_article_completes(stack)


@needs_ocr
async def test_blank_png_costs_no_ocr_and_fails_for_its_true_reason(settings: Settings) -> None:
    data = bombs.blank_png()  # 6300 x 6300, just under the pixel bound
    async with running_stack(settings) as stack:
        with Memory() as memory:
            blank = await submit(stack, data, filename="blank.png", content_type="image/png")
            status = await wait_until_finished(stack, blank, timeout=60)
        print(memory.report("blank png"))
        reason = await _assert_failed_cleanly(stack, blank, status)
        assert reason == "could not read productSpecification: no text found in 'blank.png'"
        assert memory.worker_growth < WORKER_GROWTH
        assert memory.child_peak < 600 * MB  # decoded and scaled down, never OCR'd


@needs_ocr
async def test_png_over_the_pixel_bound_is_refused_from_its_header(settings: Settings) -> None:
    settings = changed(settings, extraction_max_image_pixels=30_000_000)
    async with running_stack(settings) as stack:
        blank = await submit(
            stack, bombs.blank_png(), filename="blank.png", content_type="image/png"
        )
        status = await wait_until_finished(stack, blank, timeout=60)
        reason = await _assert_failed_cleanly(stack, blank, status)
        assert reason == (
            "could not read productSpecification: image too large: 6300 x 6300 "
            "pixels is 39.7 megapixels (limit 30 megapixels, "
            "CMS_EXTRACTION_MAX_IMAGE_PIXELS)"
        )


# --- item 7: the rules analyzer -----------------------------------------------------------


async def test_rules_on_two_million_characters_leave_the_event_loop_free(
    settings: Settings,
) -> None:
    data = bombs.long_text()
    text = data.decode()
    started = asyncio.get_running_loop().time()
    find_unit_weight(text)  # what it costs on this machine, on the loop, as before
    direct = asyncio.get_running_loop().time() - started
    settings = changed(settings, max_upload_bytes=4 * MB)
    async with running_stack(settings) as stack:
        long_id = await submit(stack, data, filename="long.txt")
        await _wait_for_stage(stack, long_id, "EXTRACTING_TEXT")
        async with loop_lag() as lag:
            status = await wait_until_finished(stack, long_id, timeout=60)
        print(
            f"rules on {len(text):,} characters: {direct:.2f}s on the loop before, "
            f"the loop held {lag[0]:.3f}s at most now"
        )
        assert status["processingStatus"] == "COMPLETED", status
        assert (await article(stack, long_id))["unitWeight"] is not None
        assert lag[0] < max(0.25, direct / 2)
