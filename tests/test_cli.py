"""The `cms` command as an operator meets it: wrong settings answered in one line with exit
code 2, `postgres://` URLs, --version, --host, help for every argument, a refusal to serve
an unmigrated database, `api-key list --json`. Real processes, real PostgreSQL."""

import argparse
import json
from pathlib import Path

import pytest

from cost_model_service.cli import build_parser
from cost_model_service.config import Settings
from cost_model_service.db import create_engine
from tests.cli_processes import run_cms, start_cms, stop, wait_http
from tests.resilience.servers import free_port

# Each test runs `cms` in a subprocess (an interpreter start, often a server).
pytestmark = pytest.mark.slow

WRONG = [
    ({"CMS_PORT": "abc"}, "CMS_PORT=abc: Input should be a valid integer"),
    ({"CMS_ENVIRONMENT": "prod"}, "CMS_ENVIRONMENT=prod: Input should be 'development'"),
    ({"CMS_AUTH_REQUIRED": "maybe"}, "CMS_AUTH_REQUIRED=maybe: Input should be a valid boolean"),
    (
        {"CMS_DATABASE_URL": "mysql://root:hunter2@db/cms"},
        "CMS_DATABASE_URL: scheme mysql:// is not PostgreSQL",
    ),
    (
        {"CMS_DATABASE_URL": "postgresql://root:hunter2@db:54x2/cms"},
        "CMS_DATABASE_URL: the port is not a number",
    ),
    ({"CMS_DATABASE_URL": "db.example.com:5432/cms"}, "CMS_DATABASE_URL: not a URL"),
    ({"CMS_REDIS_URL": "http://cache:6379"}, "CMS_REDIS_URL: expected redis://"),
    ({"CMS_WORKER_MAX_JOBS": "0"}, "CMS_WORKER_MAX_JOBS=0: Input should be greater than 0"),
]


@pytest.mark.parametrize(("variables", "message"), WRONG, ids=[m[:24] for _, m in WRONG])
def test_a_wrong_setting_is_one_line_naming_it_and_exit_code_2(
    tmp_path: Path, variables: dict[str, str], message: str
) -> None:
    result = run_cms("api", cwd=tmp_path, **variables)
    assert result.returncode == 2
    assert result.stderr.strip() == f"cms: configuration error: {message}" or (
        result.stderr.startswith(f"cms: configuration error: {message}")
        and len(result.stderr.strip().splitlines()) == 1
    ), result.stderr
    assert "hunter2" not in result.stderr  # URLs may hold passwords: never repeated


def test_production_without_authentication_is_refused_in_one_line(
    tmp_path: Path, database_url: str, redis_url: str
) -> None:
    result = run_cms(
        "api",
        "--port",
        str(free_port()),
        cwd=tmp_path,
        CMS_ENVIRONMENT="production",
        CMS_AUTH_REQUIRED="false",
        CMS_DATABASE_URL=database_url,
        CMS_REDIS_URL=redis_url,
    )
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith("cms api: CMS_ENVIRONMENT=production needs authentication")
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "postgresql+asyncpg"])
async def test_postgres_urls_as_managed_services_give_them_mean_asyncpg(
    database_url: str, scheme: str
) -> None:
    url = database_url.replace("postgresql+asyncpg://", f"{scheme}://", 1)
    settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]
    assert settings.database_url is not None
    assert settings.database_url.startswith("postgresql+asyncpg://")
    engine = create_engine(settings.database_url)
    try:
        async with engine.connect() as connection:
            assert (await connection.exec_driver_sql("SELECT 1")).scalar() == 1
    finally:
        await engine.dispose()


def test_libpq_sslmode_becomes_asyncpg_ssl() -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url="postgres://u:p@db.example.com:5432/cms?sslmode=require",
    )
    assert settings.database_url == "postgresql+asyncpg://u:p@db.example.com:5432/cms?ssl=require"


def test_version_and_help_for_every_argument(tmp_path: Path) -> None:
    result = run_cms("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("cms 0.")
    undocumented = []

    def walk(parser: argparse.ArgumentParser, path: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    walk(child, f"{path} {name}")
            elif not action.help and not isinstance(action, argparse._HelpAction):
                undocumented.append(f"{path} {action.dest}")

    walk(build_parser(), "cms")
    assert undocumented == []
    assert "--host" in run_cms("api", "--help", cwd=tmp_path).stdout


def test_api_and_worker_refuse_an_unmigrated_database(
    tmp_path: Path, empty_database: str, redis_url: str
) -> None:
    for command in ("api", "worker"):
        result = run_cms(
            command,
            cwd=tmp_path,
            CMS_PORT=str(free_port()),
            CMS_DATABASE_URL=empty_database,
            CMS_REDIS_URL=redis_url,
        )
        assert result.returncode == 1, result.stderr
        assert result.stderr.strip().splitlines()[-1] == (
            f"cms {command}: the database has no schema: run `cms migrate`"
        )
        assert "Traceback" not in result.stderr


def test_api_listens_on_host_and_port_and_is_ready(
    tmp_path: Path, database_url: str, redis_url: str
) -> None:
    port = free_port()
    log = tmp_path / "api.log"
    api = start_cms(
        "api",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        cwd=tmp_path,
        log=log,
        CMS_DATABASE_URL=database_url,
        CMS_REDIS_URL=redis_url,
        CMS_REDIS_PREFIX=f"cmstest-cli-{port}",
        CMS_SWEEP_INTERVAL_SECONDS="0",
    )
    try:
        ready = wait_http(f"http://127.0.0.1:{port}/ready", api, log)
        assert ready.status_code == 200, ready.text
        assert ready.json()["checks"] == {"postgres": "ok", "schema": "ok", "redis": "ok"}
    finally:
        stop(api)
    assert api.returncode == 0


def test_api_key_list_json(tmp_path: Path, database_url: str) -> None:
    tenant = f"cli-{free_port()}"
    created = run_cms(
        "api-key",
        "create",
        "--tenant",
        tenant,
        "--label",
        "ERP",
        cwd=tmp_path,
        CMS_DATABASE_URL=database_url,
    )
    assert created.returncode == 0, created.stderr
    prefix = created.stdout.split("_")[0] + "_" + created.stdout.split("_")[1]
    assert (
        run_cms("api-key", "revoke", prefix, cwd=tmp_path, CMS_DATABASE_URL=database_url).returncode
        == 0
    )
    listed = run_cms("api-key", "list", "--json", cwd=tmp_path, CMS_DATABASE_URL=database_url)
    assert listed.returncode == 0, listed.stderr
    (key,) = [key for key in json.loads(listed.stdout) if key["tenant"] == tenant]
    assert key["prefix"] == prefix and key["label"] == "ERP" and key["active"] is False
    assert key["revoked_at"] >= key["created_at"]
    assert set(key) == {"id", "prefix", "tenant", "label", "active", "created_at", "revoked_at"}
