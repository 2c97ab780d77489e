"""The `cms` command: dev, api, worker, migrate, export-schema, extract, eval, api-key."""

import argparse
import logging
import sys
from importlib.metadata import version
from pathlib import Path

from pydantic import ValidationError

from cost_model_service.config import Settings, describe_errors
from cost_model_service.observability.logging import configure_logging

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"
# Commands that need no servers, or (dev) that start their own.
NO_DEV_SERVERS = {"dev", "export-schema", "eval", "analyze"}


def _fail(command: str, message: str, code: int = 1) -> int:
    print(f"cms {command}: {message}", file=sys.stderr)
    return code


NO_URLS = (
    "CMS_DATABASE_URL and CMS_REDIS_URL must be set (or run `cms dev`, whose servers "
    "the other commands find through CMS_DATA_DIR)"
)


def _schema_problem(settings: Settings) -> str | None:
    from cost_model_service.migrate import startup_problem

    return startup_problem(settings.database_url or "")


def cmd_api(settings: Settings, args: argparse.Namespace) -> int:
    from cost_model_service.ports import port_problem

    if not settings.database_url or not settings.redis_url:
        return _fail("api", NO_URLS, 2)
    if problem := port_problem(settings.host, settings.port) or _schema_problem(settings):
        return _fail("api", problem)
    import uvicorn

    from cost_model_service.app import create_app
    from cost_model_service.observability.tracing import setup_tracing

    setup_tracing("cms-api")  # only when OTEL_* variables ask for it

    # log_config=None: uvicorn's lines go through our handler (CMS_LOG_FORMAT, request ids).
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_config=None,
        log_level="info",
        ws="websockets-sansio",
        ws_per_message_deflate=settings.ws_per_message_deflate,
    )
    return 0


def cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    import asyncio

    from cost_model_service.observability.exposition import serve_worker_metrics
    from cost_model_service.observability.tracing import setup_tracing
    from cost_model_service.ports import port_problem
    from cost_model_service.worker.runner import run_worker
    from cost_model_service.worker.sweep import sweep_cron

    try:
        sweep_cron(settings)
    except ValueError as error:
        return _fail("worker", str(error), 2)
    if not settings.database_url or not settings.redis_url:
        return _fail("worker", NO_URLS, 2)
    if problem := _schema_problem(settings):
        return _fail("worker", problem)
    if settings.worker_metrics_port and (
        problem := port_problem(
            settings.host, settings.worker_metrics_port, "CMS_WORKER_METRICS_PORT"
        )
    ):
        return _fail("worker", f"metrics port: {problem}", 2)
    serve_worker_metrics(settings)
    setup_tracing("cms-worker")
    # Supervised: survives Redis outages, drains on SIGTERM (worker/runner.py).
    asyncio.run(run_worker(settings))
    return 0


def cmd_migrate(settings: Settings, args: argparse.Namespace) -> int:
    from cost_model_service.migrate import upgrade

    if not settings.database_url:
        return _fail("migrate", "CMS_DATABASE_URL is not set (and no `cms dev` is running)", 2)
    upgrade(settings.database_url, args.revision)
    return 0


def cmd_ready(settings: Settings, args: argparse.Namespace) -> int:
    """The API's /ready checks, from the shell: a worker container's health check."""
    import asyncio
    import json

    from cost_model_service.readiness import check_once

    if not settings.database_url or not settings.redis_url:
        return _fail("ready", NO_URLS, 2)
    report = asyncio.run(check_once(settings.database_url, settings.redis_url))
    print(json.dumps(report.as_json()))
    return 0 if report.ready else 1


def exported_schema() -> str:
    from cost_model_service.graphql.schema import schema

    return schema.as_str() + "\n"


def cmd_export_schema(settings: Settings, args: argparse.Namespace) -> int:
    text = exported_schema()
    target = Path(args.output)
    if args.check:
        if not target.exists() or target.read_text() != text:
            print(f"{target} is out of date: run `uv run cms export-schema`", file=sys.stderr)
            return 1
        print(f"{target} is up to date")
        return 0
    target.write_text(text)
    print(f"wrote {target}")
    return 0


def cmd_dev(settings: Settings, args: argparse.Namespace) -> int:
    from cost_model_service.dev import run_dev

    return run_dev(settings)


def cmd_extract(settings: Settings, args: argparse.Namespace) -> int:
    from cost_model_service.analysis.extract_command import run

    if args.analyzer:
        settings = Settings(**{**settings.model_dump(), "analyzer": args.analyzer})
    return run(args.file, settings, as_json=args.json, cost_model=args.cost_model)


def cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    from cost_model_service.evaluation.command import run

    if args.analyzer:
        settings = Settings(**{**settings.model_dump(), "analyzer": args.analyzer})
    return run(args.corpus, settings, as_json=args.json)


def cmd_api_key(settings: Settings, args: argparse.Namespace) -> int:
    from cost_model_service.auth.command import run

    return run(settings, args)


def _listen_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host",
        help="address the API listens on (CMS_HOST; default "
        "127.0.0.1, 0.0.0.0 for every interface)",
    )
    parser.add_argument("--port", type=int, help="port the API listens on (CMS_PORT; default 8000)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cms",
        description="cost-model-service: unit weights and cost models from "
        "product specifications. Settings come from CMS_* variables (README).",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {version('cost-model-service')}"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    dev = sub.add_parser("dev", help="everything on one machine (embedded servers if no URLs)")
    _listen_arguments(dev)
    dev.add_argument(
        "--data-dir",
        type=Path,
        help="where the embedded servers keep their data (CMS_DATA_DIR; default .cms-data)",
    )
    dev.set_defaults(run=cmd_dev)
    api = sub.add_parser("api", help="serve the GraphQL API (needs a migrated database)")
    _listen_arguments(api)
    api.set_defaults(run=cmd_api)
    sub.add_parser(
        "worker", help="run an arq worker (analyses, price alert evaluations)"
    ).set_defaults(run=cmd_worker)
    ready = sub.add_parser(
        "ready",
        help="exit 0 if PostgreSQL (migrated) and Redis answer, "
        "as /ready does (a worker's health check)",
    )
    ready.set_defaults(run=cmd_ready)
    migrate = sub.add_parser("migrate", help="apply the database migrations")
    migrate.add_argument(
        "revision",
        nargs="?",
        default="head",
        help="Alembic revision to upgrade to (default: head, the latest)",
    )
    migrate.set_defaults(run=cmd_migrate)
    export = sub.add_parser("export-schema", help="write schema.graphql from the code")
    export.add_argument("--check", action="store_true", help="fail if the file differs")
    export.add_argument(
        "--output",
        default=str(SCHEMA_FILE),
        help="where to write (default: the repository's schema.graphql)",
    )
    export.set_defaults(run=cmd_export_schema)
    extract = sub.add_parser("extract", help="analyze one file and print the unit weight")
    extract.add_argument(
        "file",
        type=Path,
        help="a specification: txt, md, csv, json, html, pdf, docx, xlsx, png or jpeg",
    )
    extract.add_argument(
        "--analyzer",
        choices=["rules", "openai", "auto"],
        help="override CMS_ANALYZER (auto: openai when a key is set)",
    )
    extract.add_argument("--json", action="store_true", help="print one JSON object")
    extract.add_argument("--cost-model", action="store_true", help="also the cost model")
    extract.set_defaults(run=cmd_extract)
    evaluation = sub.add_parser(
        "eval", help="an analyzer's accuracy on labelled sheets (CORPUS_DIR/labels.json)"
    )
    evaluation.add_argument(
        "corpus",
        type=Path,
        metavar="CORPUS_DIR",
        help="a directory of sheets and labels.json naming the expected "
        "unit weights (README: `cms eval`)",
    )
    evaluation.add_argument(
        "--analyzer",
        choices=["rules", "openai", "auto"],
        help="override CMS_ANALYZER (auto: openai when a key is set)",
    )
    evaluation.add_argument("--json", action="store_true", help="print one JSON object")
    evaluation.set_defaults(run=cmd_eval)
    from cost_model_service.auth.command import add_parser

    add_parser(sub).set_defaults(run=cmd_api_key)
    from cost_model_service.index_series.command import add_parser as add_index_parser

    add_index_parser(sub)
    from cost_model_service.analyze_client.command import add_parser as add_analyze_parser
    from cost_model_service.analyze_client.command import run as run_analyze

    add_analyze_parser(sub).set_defaults(run=run_analyze)
    return parser


def _with_dev_servers(settings: Settings) -> Settings:
    """Unset URLs are those of the `cms dev` running on CMS_DATA_DIR, if one is."""
    if settings.database_url and settings.redis_url:
        return settings
    from cost_model_service.devstate import running_dev

    state = running_dev(settings.data_dir.resolve())
    if state is None:
        return settings
    logging.getLogger("cms").info(
        "using the servers of `cms dev` (pid %d) on %s", state.pid, settings.data_dir
    )
    return settings.model_copy(
        update={
            "database_url": settings.database_url or state.database_url,
            "redis_url": settings.redis_url or state.redis_url,
        }
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    overrides = {
        key: value
        for key in ("host", "port", "data_dir")
        if (value := getattr(args, key, None)) is not None
    }
    try:
        settings = Settings(**overrides)
    except ValidationError as error:
        for line in describe_errors(error):
            print(f"cms: configuration error: {line}", file=sys.stderr)
        return 2
    configure_logging(settings.log_format.value, routine_jobs={settings.redis_keys.sweep_cron})
    if args.command not in NO_DEV_SERVERS:
        settings = _with_dev_servers(settings)
    from cost_model_service.auth.startup import InsecureConfiguration

    try:
        return int(args.run(settings, args))
    except InsecureConfiguration as error:
        return _fail(args.command, str(error), 2)


if __name__ == "__main__":
    sys.exit(main())
