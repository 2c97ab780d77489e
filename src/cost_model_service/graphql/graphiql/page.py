"""The GraphiQL page, built from page.html and the asset manifest that
scripts/refresh_graphiql.py writes (load order and SRI hashes), and the static app that
serves those assets."""

import html
import json
from functools import cache
from pathlib import Path
from typing import Any

from starlette.middleware.gzip import GZipMiddleware
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

ASSETS_DIR = Path(__file__).parent / "assets"
# Where app.py mounts the assets; the page refers to them relative to /graphql, so that
# it also works behind a proxy that serves the API under a path prefix.
ASSETS_PATH = "/graphiql"


@cache
def manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((ASSETS_DIR / "assets.json").read_text())
    return loaded


def _tag(path: str, integrity: str) -> str:
    url = html.escape(f".{ASSETS_PATH}/{path}")
    if path.endswith(".css"):
        return f'<link rel="stylesheet" href="{url}" integrity="{integrity}" />'
    return f'<script src="{url}" integrity="{integrity}"></script>'


@cache
def _template() -> str:
    files = [file for package in manifest()["packages"] for file in package["files"]]
    styles = [_tag(f["path"], f["integrity"]) for f in files if f["path"].endswith(".css")]
    scripts = [_tag(f["path"], f["integrity"]) for f in files if f["path"].endswith(".js")]
    page = (Path(__file__).parent / "page.html").read_text()
    page = page.replace("<!-- cms:styles -->", "\n    ".join(styles))
    return page.replace("<!-- cms:scripts -->", "\n    ".join(scripts))


def render(*, auth_required: bool) -> str:
    # JSON inside <script>: "</" must not end the element early.
    config = json.dumps({"authRequired": auth_required}).replace("</", "<\\/")
    return _template().replace("<!-- cms:config -->", config)


def assets_app() -> ASGIApp:
    # graphiql.min.js is 3.5 MB; compressed it is a quarter of that.
    return GZipMiddleware(StaticFiles(directory=ASSETS_DIR))
