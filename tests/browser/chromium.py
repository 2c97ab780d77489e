"""Finding and starting Debian's Chromium for the browser tests (.ci/run installs it)."""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / ".test-artifacts" / "browser"

# This machine's needs: no sandbox (root, containers), no GPU, and nothing that phones
# home (QUIC, first-run, background networking, component updates, sync). Playwright adds
# --headless and a fresh --user-data-dir (launch_persistent_context on a new directory).
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Offline below the page too: no host but 127.0.0.1 resolves.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


def chromium_or_skip() -> str:
    """The chromium binary; skips locally without it, fails in CI (which installs it)."""
    found = os.environ.get("CMS_CHROMIUM") or shutil.which("chromium")
    if found:
        return found
    reason = "Debian's chromium is not installed (apt-get install -y chromium; .ci/run does)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def launch_args() -> list[str]:
    return list(FLAGS)
