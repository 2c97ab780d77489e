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


async def _import(settings: Settings, args: argparse.Namespace) -> int:
    from cost_model_service.pricing.service import import_index_file

    engine = create_engine(settings.database_url or "")
    try:
        async with create_sessionmaker(engine)() as session:
            statement = select(Tenant).where(col(Tenant.name) == args.tenant)
            tenant = (await session.exec(statement)).one_or_none()
            if tenant is None:
                print(f"no tenant named '{args.tenant}'", file=sys.stderr)
                return 1
            try:
                result = await import_index_file(session, tenant.id, args.file.read_bytes(),
                                                  args.format)
            except CMSError as error:
                print(f"{args.file}: {error.message}; nothing was imported", file=sys.stderr)
                return 1
    finally:
        await engine.dispose()
    print(f"{args.file}: {result.format.name}, {len(result.series)} series, "
          f"{result.added} observations added, {result.revised} revised")
    for series in result.series:
        print(f"  {series.code}  {series.frequency.name}  latest {series.latest_period}")
    return 0


def run(settings: Settings, args: argparse.Namespace) -> int:
    if not settings.database_url:
        print("CMS_DATABASE_URL is not set", file=sys.stderr)
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
            f"choose from {', '.join(f.name for f in IndexFileFormat)}") from None


def add_parser(
    sub: "argparse._SubParsersAction[argparse.ArgumentParser]",
) -> argparse.ArgumentParser:
    parser = sub.add_parser("index", help="index series: import files of index values")
    actions = parser.add_subparsers(dest="index_action", required=True)
    importing = actions.add_parser("import", help="import one file for a tenant (all or "
                                   "nothing; revised values keep their earlier vintage)")
    importing.add_argument("file", type=Path, help="the index file: long CSV, SDMX CSV, "
                           "FRED CSV or BLS flat file (see docs/PRICING.md)")
    importing.add_argument("--tenant", required=True, help="tenant name (must exist)")
    importing.add_argument("--format", type=_format, default=IndexFileFormat.AUTO,
                           help="AUTO (default), LONG_CSV, SDMX_CSV, FRED_CSV or BLS_FLAT")
    parser.set_defaults(run=run)
    return parser
