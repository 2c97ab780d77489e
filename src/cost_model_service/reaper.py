"""Processes that must not outlive the process that started them, whatever kills it.

Two mechanisms, because the servers we start are of two kinds:

- Children we spawn ourselves (`cms api`, `cms worker`, test subprocesses) get a
  parent-death signal (Linux `prctl(PR_SET_PDEATHSIG)`): the kernel signals them when
  their parent dies, even by SIGKILL.
- Servers the embedded libraries start daemonize (pg_ctl, valkey-server): they are
  nobody's children, so no signal reaches them. A `Reaper` watches them instead: a small
  process in its own session that holds the read end of a pipe from its parent; when the
  parent is gone (EOF, or it was re-parented) it stops every process it was told about,
  in reverse order, and removes the paths it was given.

The same `stop()` also runs when `cms dev` finds what a previous run left behind.
"""

import contextlib
import ctypes
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

import psutil

PR_SET_PDEATHSIG = 1


def set_parent_death_signal(signum: int, parent: int) -> None:
    """This process receives `signum` when its parent (pid `parent`) dies."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signum)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os.kill(os.getpid(), signum)


def die_with_parent(signum: int = signal.SIGTERM) -> Callable[[], None]:
    """A `preexec_fn` that makes the child receive `signum` when its parent dies."""
    parent = os.getpid()
    return lambda: set_parent_death_signal(signum, parent)


def spawn_tied(
    args: list[str], signum: int = signal.SIGTERM, **kwargs: object
) -> subprocess.Popen[bytes]:
    """Popen whose child is signalled when this process dies. Call it from the main thread:
    the kernel sends the signal when the spawning *thread* ends."""
    return subprocess.Popen(args, preexec_fn=die_with_parent(signum), **kwargs)  # type: ignore[call-overload, no-any-return]


@dataclass(frozen=True)
class Watched:
    """A process to stop: `signum` after waiting `wait_first` seconds for it to end by
    itself (a child that got its parent-death signal), then SIGKILL after `grace`."""

    pid: int
    create_time: float  # tells the process apart from a later one with the same pid
    signum: int = signal.SIGTERM
    grace: float = 10.0
    wait_first: float = 0.0

    @classmethod
    def of(cls, pid: int, **options: float) -> "Watched | None":
        try:
            return cls(pid, psutil.Process(pid).create_time(), **options)  # type: ignore[arg-type]
        except psutil.NoSuchProcess:
            return None

    def process(self) -> psutil.Process | None:
        """The live process, or None once it has ended (a zombie counts as ended)."""
        try:
            process = psutil.Process(self.pid)
            if process.create_time() != self.create_time:
                return None
            return None if process.status() == psutil.STATUS_ZOMBIE else process
        except psutil.NoSuchProcess:
            return None


def _wait_gone(watched: Watched, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while watched.process() is not None:
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def stop(processes: Iterable[Watched]) -> int:
    """Stops the processes (last first) that are still running; returns how many were."""
    stopped = 0
    for watched in reversed(list(processes)):
        if watched.process() is None:
            continue
        stopped += 1
        if _wait_gone(watched, watched.wait_first):
            continue
        if (process := watched.process()) is not None:
            with contextlib.suppress(psutil.Error):
                process.send_signal(watched.signum)
        if not _wait_gone(watched, watched.grace) and (process := watched.process()):
            with contextlib.suppress(psutil.Error):
                process.kill()
            _wait_gone(watched, 5)
    return stopped


class Reaper:
    """The watching process for this one. `watch()` what to stop, `remove()` what to
    delete; `close()` (a clean exit) makes it do the same at once for anything left."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "cost_model_service.reaper"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C must not reach it
        )

    def _send(self, message: dict[str, object]) -> None:
        assert self._process.stdin is not None
        self._process.stdin.write(json.dumps(message).encode() + b"\n")
        self._process.stdin.flush()

    def watch(self, pid: int | None, **options: float) -> Watched | None:
        watched = Watched.of(pid, **options) if pid else None
        if watched is not None:
            self._send({"watch": asdict(watched)})
        return watched

    def remove(self, path: str | os.PathLike[str]) -> None:
        self._send({"remove": os.fspath(path)})

    def close(self, timeout: float = 60) -> None:
        if self._process.stdin is not None:
            with contextlib.suppress(OSError):
                self._process.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout)


def _serve() -> None:
    """The reaper process: collect orders until the parent is gone, then carry them out."""
    for signum in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)
    parent = os.getppid()
    watched: list[Watched] = []
    paths: list[str] = []
    buffer = b""
    while os.getppid() == parent:
        readable, _, _ = select.select([0], [], [], 0.5)
        if not readable:
            continue
        chunk = os.read(0, 65536)
        if not chunk:
            break
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            message = json.loads(line)
            if "watch" in message:
                watched.append(Watched(**message["watch"]))
            else:
                paths.append(message["remove"])
    stop(watched)
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    _serve()
