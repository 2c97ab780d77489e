"""What runs inside an isolated process: set up its limits, then read documents and run
the rules analyzer for the pool (pool.py). Imported by the fork server ahead of time
(preload.py), so a replacement process starts warm."""

import ctypes
import logging
import os
import resource
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Preloaded by the fork server: every process forked from it starts with these imported.
from cost_model_service.analysis.documents import extract_text
from cost_model_service.analysis.documents.limits import DocumentLimits, LimitExceeded
from cost_model_service.analysis.rules import RulesAnalyzer  # noqa: F401
from cost_model_service.observability.logging import configure_logging

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
MB = 1024 * 1024
# A task that fails after its peak memory came this close to the limit failed because of
# the limit, whatever the error says (the process's baseline is ~100 MB).
_NEAR_LIMIT = 0.85
_limits = DocumentLimits()
_memory_mb = 0


@dataclass(frozen=True)
class Extracted:
    text: str
    seconds: float
    peak_rss_bytes: int  # of this process during this task


def initialize(
    limits: DocumentLimits, memory_mb: int, parent_pid: int, log_format: str = "text"
) -> None:
    """Runs once in each new process, before its first task."""
    global _limits, _memory_mb
    _limits, _memory_mb = limits, memory_mb
    _die_with_parent(parent_pid)
    # RLIMIT_DATA (heap and private mappings) rather than RLIMIT_AS: onnxruntime reserves
    # far more address space than it uses, so an address-space limit breaks OCR.
    size = memory_mb * MB
    resource.setrlimit(resource.RLIMIT_DATA, (size, size))
    if log_format == "json":  # as the worker's own lines (CMS_LOG_FORMAT)
        configure_logging("json")
    else:
        logging.basicConfig(
            level=logging.INFO,
            stream=sys.stderr,
            format="%(asctime)s %(levelname)s %(name)s[%(process)d] %(message)s",
        )


def _die_with_parent(parent_pid: int) -> None:
    """A worker killed with SIGKILL leaves no reader behind (Linux; elsewhere the closed
    task pipe ends the process at its next task)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() == 1 or not _alive(parent_pid):
        os._exit(1)  # the parent died before the signal was armed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def ready() -> int:
    return os.getpid()


def extract(filename: str, content_type: str | None, data: bytes) -> Extracted:
    started = time.perf_counter()
    text = _bounded("reading the file", extract_text, filename, content_type, data, _limits)
    return Extracted(text, time.perf_counter() - started, _peak_rss())


def analyze(function: Callable[..., Any], *args: Any) -> Any:
    """One step of the rules analyzer (its functions are module-level, so they pickle by
    name)."""
    return _bounded("the rules analyzer", function, *args)


def _bounded(what: str, function: Callable[..., Any], *args: Any) -> Any:
    _reset_peak()
    try:
        return function(*args)
    except BaseException as error:
        if not (_out_of_memory(error) or _peak_rss() >= _NEAR_LIMIT * _memory_mb * MB):
            raise
    # Raised out here, once the failed work's frames (and what they hold) are released.
    _give_back_memory()
    raise LimitExceeded(
        f"{what} needed more than {_memory_mb} MB of memory (limit CMS_EXTRACTION_MAX_MEMORY_MB)"
    )


def _out_of_memory(error: BaseException | None) -> bool:
    """MemoryError, or a C library's allocation failure that a library wrapped into its own
    error (onnxruntime: std::bad_alloc). lxml says only "unknown error": for that case the
    caller also looks at how close the task came to the limit."""
    for _ in range(10):  # the chain of causes, not endless
        if error is None:
            return False
        text = str(error)
        if isinstance(error, MemoryError) or "bad_alloc" in text or "allocation failed" in text:
            return True
        error = error.__cause__ or error.__context__
    return False


def _give_back_memory() -> None:
    """Return the failed task's freed heap to the system (glibc keeps it otherwise)."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _reset_peak() -> None:
    try:  # Linux: resets VmHWM, so the peak below is this task's
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass


def _peak_rss() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
