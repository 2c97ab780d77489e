"""One reaper for the test session (cost_model_service/reaper.py): whatever ends pytest (a
timeout's os._exit, SIGKILL, a third Ctrl-C), the servers and processes the suite started
are stopped and their temporary directories removed. Fixtures still stop what they start;
this is for when they cannot run."""

import os
import signal

from cost_model_service.reaper import Reaper

_reaper: Reaper | None = None


def session_reaper() -> Reaper:
    global _reaper
    if _reaper is None:
        _reaper = Reaper()
    return _reaper


def watch_server(pid: int | None, path: str | os.PathLike[str] | None = None) -> None:
    """A test server: test data only, so it is stopped the quick way (SIGQUIT is
    PostgreSQL's immediate shutdown and kills Valkey at once), and `path` removed."""
    reaper = session_reaper()
    reaper.watch(pid, signum=signal.SIGQUIT, grace=5)
    if path is not None:
        reaper.remove(path)


def watch_child(pid: int) -> None:
    """A child process (already tied to this one by its parent-death signal)."""
    session_reaper().watch(pid, signum=signal.SIGKILL, grace=5)


def close() -> None:
    if _reaper is not None:
        _reaper.close()
