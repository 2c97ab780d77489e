"""`cms api-key create|revoke|list`: managing API keys from the shell."""

import argparse
import asyncio
import json
import sys

from cost_model_service.auth import keys
from cost_model_service.auth.models import ApiKey, Tenant
from cost_model_service.config import Settings
from cost_model_service.db import create_engine, create_sessionmaker
from cost_model_service.errors import NotFound


async def _run(settings: Settings, args: argparse.Namespace) -> int:
    engine = create_engine(settings.database_url or "")
    try:
        async with create_sessionmaker(engine)() as session:
            if args.action == "create":
                row, key = await keys.create_key(session, args.tenant, args.label)
                await session.commit()
                print(key)
                print(
                    f"# tenant {args.tenant}, key id {row.id}, prefix {row.prefix}: "
                    "shown once, only its hash is stored",
                    flush=True,
                )
            elif args.action == "revoke":
                try:
                    row = await keys.revoke(session, args.key)
                except NotFound as error:
                    print(error.message)
                    return 1
                await session.commit()
                print(f"revoked {row.prefix} ({row.id})")
            elif args.json:
                print(
                    json.dumps(
                        [_as_json(row, tenant) for row, tenant in await keys.list_keys(session)],
                        indent=2,
                    )
                )
            else:
                for row, tenant in await keys.list_keys(session):
                    state = f"revoked {row.revoked_at:%Y-%m-%d}" if row.revoked_at else "active"
                    print(
                        f"{row.id}  {row.prefix}  {tenant.name:<20} {state:<18} {row.label or ''}"
                    )
    finally:
        await engine.dispose()
    return 0


def _as_json(row: ApiKey, tenant: Tenant) -> dict[str, object]:
    """What `list --json` prints per key: never the key, nor its hash."""
    return {
        "id": str(row.id),
        "prefix": row.prefix,
        "tenant": tenant.name,
        "label": row.label,
        "active": row.revoked_at is None,
        "created_at": row.created_at.isoformat(),
        "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None,
    }


def run(settings: Settings, args: argparse.Namespace) -> int:
    if not settings.database_url:
        print(
            "cms api-key: CMS_DATABASE_URL is not set, and no `cms dev` is running on "
            f"{settings.data_dir} (start one, or set the URL)",
            file=sys.stderr,
        )
        return 2
    return asyncio.run(_run(settings, args))


def add_parser(
    sub: "argparse._SubParsersAction[argparse.ArgumentParser]",
) -> argparse.ArgumentParser:
    parser = sub.add_parser("api-key", help="create, revoke or list API keys")
    actions = parser.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="print a new key for a tenant (once)")
    create.add_argument("--tenant", required=True, help="tenant name (created if new)")
    create.add_argument("--label", help="what the key is for (shown by list)")
    revoke = actions.add_parser("revoke", help="revoke a key by id or prefix")
    revoke.add_argument("key", help="key id or prefix (cms_xxxxxxxx)")
    listing = actions.add_parser("list", help="list keys (never the keys themselves)")
    listing.add_argument(
        "--json",
        action="store_true",
        help="a JSON array: id, prefix, tenant, label, active, created_at, revoked_at",
    )
    return parser
