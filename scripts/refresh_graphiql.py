"""Fetch GraphiQL's browser assets from npm into our package, so /graphql renders offline.

    uv run python scripts/refresh_graphiql.py            # the versions pinned below
    uv run python scripts/refresh_graphiql.py --check    # are the committed files these?

The versions are the ones strawberry's own graphiql.html loads from a CDN (React 18 UMD
builds, GraphiQL 3's UMD bundle, which includes graphql-ws, and the explorer plugin);
js-cookie is left out: strawberry's page only reads a Django CSRF cookie with it. To move
on, change PACKAGES, run this, and run tests/browser. Needs `npm` (npm verifies each
tarball against the registry's integrity hash); writes
src/cost_model_service/graphql/graphiql/assets/: one folder per package@version holding
the files the page loads and the package's licence, and assets.json, which the page is
built from (order, SRI hashes) and which tests check the files against.
"""

import argparse
import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "src/cost_model_service/graphql/graphiql/assets"


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    files: tuple[str, ...]  # paths inside the package, loaded by the page in this order
    # Where the licence text comes from when the package ships none (path in another
    # package of the same repository).
    license_from: tuple[str, str] | None = None
    bundles: tuple[str, ...] = field(default=())  # npm packages inlined into its files


PACKAGES = (
    Package("react", "18.2.0", ("umd/react.production.min.js",)),
    Package("react-dom", "18.2.0", ("umd/react-dom.production.min.js",)),
    Package("graphiql", "3.8.3", ("graphiql.min.css", "graphiql.min.js")),
    # The plugin's tarball has no LICENSE file; its package.json says MIT and it lives in
    # the graphiql monorepo, under the same licence as graphiql. Its UMD build inlines
    # graphiql-explorer, whose licence is fetched too.
    Package(
        "@graphiql/plugin-explorer",
        "1.0.2",
        ("dist/style.css", "dist/index.umd.js"),
        license_from=("graphiql", "LICENSE"),
        bundles=("graphiql-explorer@0.9.0",),
    ),
)


def npm_pack(spec: str, into: Path) -> tuple[Path, dict]:
    out = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(into)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    info = json.loads(out)[0]
    tarball = into / info["filename"]
    with tarfile.open(tarball) as archive:
        archive.extractall(into / info["id"], filter="data")
    return into / info["id"] / "package", info


def folder(package: Package) -> str:
    return f"{package.name.replace('@', '').replace('/', '-')}@{package.version}"


def sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def bundled_modules(graphiql_js: str) -> list[str]:
    """The npm packages webpack inlined into graphiql's bundle (from its module ids)."""
    names = re.findall(r'"(?:\.\./)+node_modules/((?:@[^/"]+/)?[^/"]+)/', graphiql_js)
    return sorted(set(names))


def refresh(target: Path) -> dict:
    manifest: dict = {"generated_by": "scripts/refresh_graphiql.py", "packages": []}
    with tempfile.TemporaryDirectory() as tmp:
        unpacked: dict[str, Path] = {}
        for package in PACKAGES:
            root, info = npm_pack(f"{package.name}@{package.version}", Path(tmp))
            unpacked[package.name] = root
            out = target / folder(package)
            out.mkdir(parents=True)
            entry: dict = {
                "name": package.name,
                "version": package.version,
                "tarball_integrity": info["integrity"],
                "license": json.loads((root / "package.json").read_text())["license"],
                "files": [],
            }
            for path in package.files:
                data = (root / path).read_bytes()
                name = Path(path).name
                (out / name).write_bytes(data)
                entry["files"].append(
                    {"path": f"{folder(package)}/{name}", "from": path, "integrity": sri(data)}
                )
            source = (
                unpacked[package.license_from[0]] / package.license_from[1]
                if package.license_from
                else root / "LICENSE"
            )
            shutil.copyfile(source, out / "LICENSE")
            for spec in package.bundles:
                bundled_root, _ = npm_pack(spec, Path(tmp))
                shutil.copyfile(bundled_root / "LICENSE", out / f"LICENSE.{spec.split('@')[0]}")
            if package.name == "graphiql":
                modules = bundled_modules((root / "graphiql.js").read_text())
                (out / "BUNDLED.txt").write_text(
                    "graphiql.min.js inlines these npm packages, each under its own licence "
                    "(see its package on npm):\n" + "\n".join(modules) + "\n"
                )
                entry["bundles"] = modules
            else:
                entry["bundles"] = [spec for spec in package.bundles]
            manifest["packages"].append(entry)
    (target / "assets.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare the committed assets with a fresh download"
    )
    args = parser.parse_args()
    if shutil.which("npm") is None:
        print("npm is needed (it fetches and verifies the packages)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "assets"
        fresh.mkdir()
        refresh(fresh)
        if args.check:
            differ = subprocess.run(["diff", "-r", "-q", str(fresh), str(ASSETS)])
            print(
                "assets match the pinned versions"
                if differ.returncode == 0
                else "assets differ: run scripts/refresh_graphiql.py"
            )
            return differ.returncode
        if ASSETS.exists():
            shutil.rmtree(ASSETS)
        shutil.copytree(fresh, ASSETS)
    print(f"wrote {ASSETS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
