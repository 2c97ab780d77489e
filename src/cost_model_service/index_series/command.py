"""`cms index import FILE --tenant NAME [--format ...]`: operators loading history in bulk."""

import argparse
import asyncio
import sys
from pathlib import Path

from sqlmodel import col, select

from cost_model_service.auth.models import Tenant
from cost_model_service.config import Settings
from cost_model_service.db import create_engine, create_sessionmaker
from cost_model_service.errors import CMSError
from cost_model_service.index_series.importers import IndexFileFormat
from cost_model_service.jobs.queue import create_redis


async def _import(settings: Settings, args: argparse.Namespace) -> int:
    from cost_model_service.pricing.service import import_index_file

    engine = create_engine(settings.database_url or "")
    queue = create_redis(settings)
    try:
        async with create_sessionmaker(engine)() as session:
            statement = select(Tenant).where(col(Tenant.name) == args.tenant)
            tenant = (await session.exec(statement)).one_or_none()
            if tenant is None:
                print(f"no tenant named '{args.tenant}'", file=sys.stderr)
                return 1
            try:
                result = await import_index_file(
                    session,
                    queue,
                    settings.redis_keys,
                    tenant.id,
                    args.file.read_bytes(),
                    args.format,
                )
            except CMSError as error:
                print(f"{args.file}: {error.message}; nothing was imported", file=sys.stderr)
                return 1
    finally:
        await queue.aclose()
        await engine.dispose()
    print(
        f"{args.file}: {result.format.name}, {len(result.series)} series, "
        f"{result.added} observations added, {result.revised} revised; the tenant's price "
        "alerts are evaluated by a worker"
    )
    for series in result.series:
        print(f"  {series.code}  {series.frequency.name}  latest {series.latest_period}")
    return 0


def run(settings: Settings, args: argparse.Namespace) -> int:
    # Redis too: the import queues the evaluation of the tenant's price alerts.
    for name, value in (
        ("CMS_DATABASE_URL", settings.database_url),
        ("CMS_REDIS_URL", settings.redis_url),
    ):
        if not value:
            print(f"{name} is not set", file=sys.stderr)
            return 2
    if not args.file.is_file():
        print(f"{args.file}: no such file", file=sys.stderr)
        return 2
    return asyncio.run(_import(settings, args))


def _format(text: str) -> IndexFileFormat:
    try:
        return IndexFileFormat[text.upper()]
    except KeyError:
        raise argparse.ArgumentTypeError(
            f"choose from {', '.join(f.name for f in IndexFileFormat)}"
        ) from None


def add_parser(
    sub: "argparse._SubParsersAction[argparse.ArgumentParser]",
) -> argparse.ArgumentParser:
    parser = sub.add_parser("index", help="index series: import files of index values")
    actions = parser.add_subparsers(dest="index_action", required=True)
    importing = actions.add_parser(
        "import",
        help="import one file for a tenant (all or "
        "nothing; revised values keep their earlier vintage)",
    )
    importing.add_argument(
        "file", type=Path, help="the index file (LONG_CSV, SDMX_CSV, FRED_CSV or BLS_FLAT)"
    )
    importing.add_argument("--tenant", required=True, help="tenant name (must exist)")
    importing.add_argument(
        "--format",
        type=_format,
        default=IndexFileFormat.AUTO,
        help="AUTO (default), LONG_CSV, SDMX_CSV, FRED_CSV or BLS_FLAT",
    )
    parser.set_defaults(run=run)
    return parser
