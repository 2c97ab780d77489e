"""Apollo Client 4 against the real stack, as a browser frontend on another origin uses it
(tests/clients/apollo.mjs does the work; this starts the service and runs it with node)."""

import asyncio
import os
import shutil
import time
import uuid
from pathlib import Path

import pytest

from cost_model_service.auth.keys import create_key
from cost_model_service.config import Settings
from tests.helpers import changed
from tests.stack import running_stack

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent
FRONTEND = "http://localhost:5173"
SPECS = {
    "Angle bracket AB-120": "Angle bracket AB-120\nMaterial: galvanised steel S235\n"
    "Net weight: 0.42 kg\n",
    "Hinge H-110": "Hinge H-110\nMaterial: stainless steel\nWeight: 85 g\n",
    "Cable gland M20": "Cable gland M20\nMaterial: polyamide PA6\nWeight per piece: 12 g\n",
}


def _node_or_skip() -> str:
    node = shutil.which("node")
    if node and shutil.which("npm"):
        return node
    reason = "node and npm are needed for the Apollo Client test (.ci/run has them)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


async def _run(*command: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    # Not subprocess.run: the service under test runs in this event loop.
    process = await asyncio.create_subprocess_exec(
        *command,
        cwd=HERE,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    return process.returncode or 0, output.decode()


async def test_apollo_client_from_a_listed_origin(settings: Settings, tmp_path: Path) -> None:
    node = _node_or_skip()
    if not (HERE / "node_modules").is_dir():  # .ci/run installs them; so does a first run
        code, output = await _run("npm", "ci", "--no-audit", "--no-fund")
        assert code == 0, output
    paths = []
    for name, text in SPECS.items():
        paths.append(tmp_path / name)
        paths[-1].write_text(text)
    configured = changed(settings, auth_required=True, cors_origins=[FRONTEND])
    async with running_stack(configured) as stack:
        async with stack.services.sessionmaker() as session:
            _, key = await create_key(session, f"apollo-{uuid.uuid4().hex[:8]}")
            await session.commit()
        started = time.perf_counter()
        code, output = await _run(
            node,
            "apollo.mjs",
            env={
                **os.environ,
                "CMS_GRAPHQL_URL": stack.graphql_url,
                "CMS_ORIGIN": FRONTEND,
                "CMS_UNLISTED_ORIGIN": "http://localhost:3000",
                "CMS_API_KEY": key,
                "CMS_SPEC_PATHS": ",".join(str(p) for p in paths),
            },
        )
    print(output, f"node took {time.perf_counter() - started:.1f} s")
    assert code == 0, output
