"""The isolated process pool: limits become named failures, a killed or crashed process is
replaced, cancelling kills the work, and no process outlives its parent."""

import asyncio
import io
import os
import pickle
import signal
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel.ext.asyncio.session import AsyncSession

from cost_model_service.analysis import isolation
from cost_model_service.analysis.documents import LimitExceeded, extract_text
from cost_model_service.analysis.inputs import read_upload
from cost_model_service.analysis.rules import RulesAnalyzer, build_cost_model
from cost_model_service.config import Settings
from cost_model_service.cost_indices import service as cost_indices

pytestmark = pytest.mark.slow

SPECS = Path(__file__).parent.parent / "data" / "specs"


def _settings(**changes: Any) -> Settings:
    return Settings(_env_file=None, **changes)  # type: ignore[call-arg]


@pytest.fixture(autouse=True)
def closed_pools() -> Iterator[None]:
    yield
    isolation.close_all()


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")  # a zombie has ended; only its parent's wait is missing


async def _until_gone(pids: list[int], timeout: float = 10) -> None:
    async with asyncio.timeout(timeout):
        while not all(_gone(pid) for pid in pids):
            await asyncio.sleep(0.05)


async def test_files_read_in_a_process_read_as_in_this_one() -> None:
    settings = _settings()
    for name in ("helical_gearbox_hg80.docx", "dc_motor_pm24.pdf", "end_cap_ec25.json"):
        data = (SPECS / name).read_bytes()
        assert await read_upload(settings, name, None, data) == extract_text(name, None, data)


async def test_the_rules_analyzer_gives_the_same_answer_in_a_process() -> None:
    pool = isolation.pool_for(_settings())
    text = "Angle bracket AB-120\nMaterial: galvanised steel S235\nNet weight: 0.42 kg\n"
    isolated = await RulesAnalyzer(offload=pool.run_rules).extract_weight(text)
    assert isolated == await RulesAnalyzer().extract_weight(text)
    assert isolated.grams == 420


class _Modules(pickle.Unpickler):
    """Unpickles, noting the modules the pickle names."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self.modules: set[str] = set()

    def find_class(self, module: str, name: str) -> Any:
        self.modules.add(module)
        return super().find_class(module, name)


async def test_a_cost_model_needs_no_import_in_a_new_process(session: AsyncSession) -> None:
    """What the worker sends with every cost model (the database's catalogue) names only
    modules the fork server imported ahead: a new process (one every TASKS_PER_PROCESS
    tasks) that had to import more at its first task made that article wait (~1 s here:
    SQLModel and SQLAlchemy, for an enum in the catalogue)."""
    task = pickle.dumps((build_cost_model, "Angle bracket", await cost_indices.catalogue(session)))
    unpickler = _Modules(task)
    unpickler.load()
    pool = isolation.pool_for(_settings(extraction_processes=1, extraction_timeout_seconds=59))
    # A builtin pickles by name: asking the fresh process imports nothing.
    ahead = set(await pool.run("asking", eval, "list(__import__('sys').modules)"))
    assert unpickler.modules - ahead == set()


async def test_a_new_process_starts_with_the_unit_registry_built() -> None:
    """pint's registry takes 0.1-0.5 s to build: the fork server builds it once, and every
    process (a new one each TASKS_PER_PROCESS tasks) inherits it."""
    pool = isolation.pool_for(_settings(extraction_processes=1, extraction_timeout_seconds=58))
    asked = "__import__('cost_model_service.analysis.rules.units', fromlist=['_'])._registry"
    built = await pool.run("asking", eval, f"{asked}.cache_info().currsize")
    assert built == 1


async def test_work_past_the_timeout_is_killed_and_the_limit_named() -> None:
    pool = isolation.pool_for(_settings(extraction_processes=1, extraction_timeout_seconds=1))
    first = await pool.run("asking", os.getpid)
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as caught:
        await pool.run("sleeping", time.sleep, 60)
    assert caught.value.message == (
        "sleeping took longer than 1 s (limit CMS_EXTRACTION_TIMEOUT_SECONDS)"
    )
    assert caught.value.transient is False
    assert time.monotonic() - started < 10
    await _until_gone([first])
    assert await pool.run("asking", os.getpid) != first  # replaced, and it works


@pytest.mark.parametrize(
    ("function", "args", "how"),
    [
        (os._exit, (3,), "exit code 3"),
        (os.abort, (), "SIGABRT"),  # what a C++ std::bad_alloc ends in
    ],
)
async def test_a_process_that_dies_is_reported_and_replaced(
    function: Any, args: tuple[Any, ...], how: str
) -> None:
    pool = isolation.pool_for(_settings(extraction_processes=1, extraction_max_memory_mb=512))
    with pytest.raises(LimitExceeded) as caught:
        await pool.run("crashing", function, *args)
    assert caught.value.message == (
        f"the process crashing ended abruptly ({how}), most likely at its memory limit of "
        "512 MB (CMS_EXTRACTION_MAX_MEMORY_MB)"
    )
    assert await pool.run("asking", os.getpid) > 0


async def test_running_out_of_memory_is_the_memory_limit_not_a_crash() -> None:
    pool = isolation.pool_for(_settings(extraction_processes=1, extraction_max_memory_mb=512))
    pid = await pool.run("asking", os.getpid)
    with pytest.raises(LimitExceeded) as caught:
        await pool.run_rules(bytearray, 1024 * 1024 * 1024)
    assert caught.value.message == (
        "the rules analyzer needed more than 512 MB of memory (limit CMS_EXTRACTION_MAX_MEMORY_MB)"
    )
    assert await pool.run("asking", os.getpid) == pid  # a MemoryError does not cost the process


async def test_cancelling_the_job_kills_the_work() -> None:
    """A job cancelled (arq's timeout, SIGTERM's hand-back) does not leave its document
    being parsed behind."""
    pool = isolation.pool_for(_settings(extraction_processes=1))
    pid = await pool.run("asking", os.getpid)
    sleeping = asyncio.create_task(pool.run("sleeping", time.sleep, 60))
    await asyncio.sleep(0.5)
    sleeping.cancel()
    with pytest.raises(asyncio.CancelledError):
        await sleeping
    await _until_gone([pid])
    assert await pool.run("asking", os.getpid) != pid


_SCRIPT = textwrap.dedent("""
    import asyncio, os, sys, time
    from cost_model_service.analysis import isolation
    from cost_model_service.config import Settings

    async def main():
        pool = isolation.pool_for(Settings(_env_file=None, extraction_processes=2))
        pids = set()
        while len(pids) < 2:  # both processes, busy at once
            pids |= set(await asyncio.gather(*(pool.run("pid", _pid) for _ in range(2))))
        print(*pids, flush=True)
        if sys.argv[1] == "wait":
            time.sleep(60)

    def _pid():
        time.sleep(0.2)
        return os.getpid()

    if __name__ == "__main__":
        asyncio.run(main())
""")


@pytest.mark.parametrize("ending", ["exit", "sigkill", "sigterm"])
async def test_no_process_outlives_its_parent(tmp_path: Path, ending: str) -> None:
    script = tmp_path / "parent.py"
    script.write_text(_SCRIPT)
    parent = await asyncio.create_subprocess_exec(
        sys.executable,
        str(script),
        "exit" if ending == "exit" else "wait",
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert parent.stdout is not None
        line = await asyncio.wait_for(parent.stdout.readline(), 60)
        pids = [int(pid) for pid in line.split()]
        assert len(pids) == 2
        if ending != "exit":
            parent.send_signal(signal.SIGKILL if ending == "sigkill" else signal.SIGTERM)
        await asyncio.wait_for(parent.wait(), 30)
        await _until_gone(pids)
    finally:
        if parent.returncode is None:
            parent.kill()
            await parent.wait()
