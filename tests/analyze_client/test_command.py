"""`cms analyze` as a child process against the real stack (API and worker): files found
recursively, what cannot be sent skipped with a warning, one row per article; Ctrl-C
leaves the analyses running and says how to fetch them."""

import asyncio
import csv
import os
import signal
import sys
import uuid
from pathlib import Path

import pytest

from cost_model_service.auth.keys import create_key
from cost_model_service.config import Settings
from tests.cli_processes import cms_env
from tests.graphql_client import PREFLIGHT
from tests.helpers import changed
from tests.stack import Stack, running_stack

pytestmark = pytest.mark.slow

CMS = [sys.executable, "-m", "cost_model_service.cli", "analyze"]
SPECS = Path(__file__).parent.parent / "data" / "specs"


def _folder(root: Path) -> Path:
    nested = root / "catalogue" / "fasteners"
    nested.mkdir(parents=True)
    (root / "catalogue" / "bracket.txt").write_text(
        "Angle bracket AB-120\nMaterial: galvanised steel S235\nNet weight: 0.42 kg\n"
    )
    (nested / "hex_bolt.txt").write_bytes((SPECS / "hex_bolt_m20x90.txt").read_bytes())
    (nested / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    (nested / "empty.txt").write_bytes(b"")
    (nested / "notes.xyz").write_text("not a specification")
    return root / "catalogue"


async def _cms(*args: str, cwd: Path, **env: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        *CMS,
        *args,
        cwd=cwd,
        env=cms_env(**env),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def _key(stack: Stack) -> str:
    async with stack.services.sessionmaker() as session:
        _, key = await create_key(session, f"cli-{uuid.uuid4().hex[:6]}")
        await session.commit()
    return key


async def test_a_folder_is_analyzed_and_written_one_row_per_article(
    settings: Settings, tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    # Two articles per 2 s: the batch of three can never pass (RATE_LIMITED with maxItems
    # 2), and is sent again as two and one, the second after waiting (RATE_LIMITED).
    limited = changed(
        settings,
        auth_required=True,
        analyze_rate_limit_count=2,
        analyze_rate_limit_window_seconds=2,
    )
    async with running_stack(limited) as stack:
        key = await _key(stack)
        process = await _cms(
            str(folder),
            "--url",
            stack.graphql_url,
            "--key",
            key,
            "--out",
            "results.csv",
            "--name-from",
            "title",
            cwd=tmp_path,
        )
        out, err = await asyncio.wait_for(process.communicate(), 120)
    log = err.decode()
    assert process.returncode == 0, log
    assert "empty.txt: empty, skipped" in log
    assert "notes.xyz: not a supported file type, skipped" in log
    assert "3 articles, 2 completed, 1 failed; results in results.csv" in log
    sent = [line.split(": ")[1] for line in log.splitlines() if "files sent" in line]
    assert sent == ["2 files sent", "1 files sent"] and "rate limited: waiting" in log
    assert "[3/3] " in log  # not a terminal: plain lines as articles finish
    with (tmp_path / "results.csv").open(newline="") as handle:
        rows = {Path(row["file"]).name: row for row in csv.DictReader(handle)}
    assert set(rows) == {"bracket.txt", "hex_bolt.txt", "broken.pdf"}
    bracket = rows["bracket.txt"]
    assert (bracket["status"], float(bracket["unit_weight_kg"])) == ("COMPLETED", 0.42)
    assert "0.42 kg" in bracket["weight_evidence"] and "STEEL" in bracket["cost_model"]
    assert rows["broken.pdf"]["status"] == "FAILED" and rows["broken.pdf"]["error"]
    assert all(uuid.UUID(row["article_id"]) for row in rows.values())
    assert out == b""


async def test_a_server_taking_fewer_files_than_the_client_sends_is_sent_smaller_batches(
    settings: Settings, tmp_path: Path
) -> None:
    # The client batches by its own CMS_BATCH_MAX_ITEMS (100); this server takes one item
    # (two files) per request, so the multipart guard refuses three files with maxItems 1.
    for n in range(3):
        (tmp_path / f"bracket_{n}.txt").write_text(f"Bracket B-{n}\nNet weight: 0.{n + 1} kg\n")
    async with running_stack(changed(settings, batch_max_items=1)) as stack:
        process = await _cms(str(tmp_path), "--url", stack.graphql_url, cwd=tmp_path)
        _, err = await asyncio.wait_for(process.communicate(), 120)
    log = err.decode()
    assert process.returncode == 0, log
    sent = [line.split(": ")[1] for line in log.splitlines() if "files sent" in line]
    assert sent == ["1 files sent"] * 3, log
    assert "3 articles, 3 completed" in log


async def test_ctrl_c_stops_following_and_says_how_to_fetch_the_results(
    settings: Settings, tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    async with running_stack(settings, worker=False) as stack:  # nothing ever finishes
        process = await _cms(str(folder), "--url", stack.graphql_url, cwd=tmp_path)
        assert process.stderr is not None
        async with asyncio.timeout(60):
            while b"files sent" not in (line := await process.stderr.readline()):
                assert line, "cms analyze ended before sending"
        batch_id = line.decode().split()[1].rstrip(":")
        await asyncio.sleep(0.5)  # following now
        os.kill(process.pid, signal.SIGINT)
        _, err = await asyncio.wait_for(process.communicate(), 30)
        answer = (
            await stack.http.post(
                stack.graphql_url,
                headers=PREFLIGHT,
                json={
                    "query": "query B($id: ID!) { analysisBatch(id: $id) { total processing "
                    "pending } }",
                    "variables": {"id": batch_id},
                },
            )
        ).json()
    assert process.returncode == 130
    assert "stopped following; the analyses already sent go on" in err.decode()
    assert batch_id in err.decode() and "analysisBatch" in err.decode()
    batch = answer["data"]["analysisBatch"]
    assert batch["total"] == 3 and batch["processing"] + batch["pending"] == 3
