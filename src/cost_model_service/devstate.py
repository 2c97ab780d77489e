"""What a running `cms dev` tells other processes through its data directory.

`dev.lock` is locked (flock) for as long as a `cms dev` runs: the kernel releases it when
the process dies, however it dies, so a free lock means nobody is running. `dev.json`
holds the servers' URLs (for `cms api-key`, `cms migrate`, ... without CMS_DATABASE_URL)
and the processes it started (so that the next `cms dev` can stop what a killed one
left behind).
"""

import contextlib
import fcntl
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

from cost_model_service.reaper import Watched


@dataclass
class DevState:
    pid: int
    database_url: str | None = None
    redis_url: str | None = None
    api_url: str | None = None
    processes: list[Watched] = field(default_factory=list)

    @classmethod
    def from_json(cls, text: str) -> "DevState":
        data = json.loads(text)
        data["processes"] = [Watched(**item) for item in data.get("processes", [])]
        return cls(**data)


def _state_file(data_dir: Path) -> Path:
    return data_dir / "dev.json"


def write_state(data_dir: Path, state: DevState) -> None:
    target = _state_file(data_dir)
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(state), indent=2))
    temporary.replace(target)  # readers never see half a file


def read_state(data_dir: Path) -> DevState | None:
    try:
        return DevState.from_json(_state_file(data_dir).read_text())
    except (OSError, ValueError, TypeError):
        return None


def remove_state(data_dir: Path) -> None:
    _state_file(data_dir).unlink(missing_ok=True)


class DevLock:
    """The exclusive lock one `cms dev` holds on its data directory."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._file: IO[str] = (data_dir / "dev.lock").open("a")

    def acquire(self) -> bool:
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def release(self) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(self._file, fcntl.LOCK_UN)
        self._file.close()


def running_dev(data_dir: Path) -> DevState | None:
    """The state of a `cms dev` running on `data_dir` now, else None."""
    if not (data_dir / "dev.lock").exists():
        return None
    lock = DevLock(data_dir)
    try:
        if lock.acquire():
            return None  # nobody holds it: whatever dev.json says is stale
    finally:
        lock.release()
    state = read_state(data_dir)
    return state if state is not None and state.pid != os.getpid() else None
