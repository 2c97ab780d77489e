"""GraphiQL from our own package: the page refers only to assets this service serves, and
those are byte for byte the pinned npm files (browser test: tests/browser)."""

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
import strawberry

from cost_model_service.config import Settings
from cost_model_service.graphql.graphiql.page import ASSETS_DIR, manifest
from tests.helpers import changed
from tests.stack import running_stack

pytestmark = pytest.mark.slow

HTML = {"Accept": "text/html"}


def _sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def test_assets_are_the_pinned_files_with_their_licences() -> None:
    for package in manifest()["packages"]:
        for file in package["files"]:
            assert _sri((ASSETS_DIR / file["path"]).read_bytes()) == file["integrity"], file
            assert (ASSETS_DIR / file["path"]).parent.joinpath("LICENSE").is_file()
        assert package["license"] == "MIT"


def test_same_bytes_as_strawberry_loads_from_its_cdn() -> None:
    """Provenance, offline: strawberry's own page pins these versions by SRI hash."""
    template = (Path(strawberry.__file__).parent / "static/graphiql.html").read_text()
    pinned = dict(re.findall(r'unpkg\.com/([^"]+)"\s+integrity="([^"]+)"', template))
    compared = 0
    for package in manifest()["packages"]:
        for file in package["files"]:
            url = f"{package['name']}@{package['version']}/{file['from']}"
            if url in pinned:
                assert pinned[url] == file["integrity"], url
                compared += 1
    assert compared == 6  # all six files the page loads


async def test_page_loads_only_what_we_serve(settings: Settings) -> None:
    async with running_stack(settings, worker=False) as stack:
        page = await stack.http.get(stack.graphql_url, headers=HTML)
        assert page.status_code == 200
        assert "https://" not in page.text and "http://" not in page.text.replace(
            "http://www.w3.org/2000/svg", ""
        )
        refs = re.findall(r'(?:src|href)="(\./[^"]+)"\s+integrity="([^"]+)"', page.text)
        assert len(refs) == 6
        for ref, integrity in refs:
            asset = await stack.http.get(f"{stack.base_url}/{ref.removeprefix('./')}")
            assert asset.status_code == 200, ref
            assert _sri(asset.content) == integrity
            assert asset.headers["content-encoding"] == "gzip" or len(asset.content) < 500
        config = re.search(r'id="cms-graphiql-config" type="application/json">([^<]+)<', page.text)
        assert config and json.loads(config.group(1)) == {"authRequired": False}


async def test_with_auth_on_the_page_says_how_to_get_in(settings: Settings) -> None:
    async with running_stack(changed(settings, auth_required=True), worker=False) as stack:
        page = (await stack.http.get(stack.graphql_url, headers=HTML)).text
    assert '{"authRequired": true}' in page
    assert '{"Authorization": "Bearer <your API key or JWT>"}' in page
    assert "connection_init" in page


async def test_off_in_production_assets_too(settings: Settings) -> None:
    async with running_stack(changed(settings, graphiql=False), worker=False) as stack:
        assert (await stack.http.get(stack.graphql_url, headers=HTML)).status_code == 404
        path = manifest()["packages"][0]["files"][0]["path"]
        assert (await stack.http.get(f"{stack.base_url}/graphiql/{path}")).status_code == 404
