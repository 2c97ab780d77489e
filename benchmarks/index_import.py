"""Importing 100,000 index observations, and projecting 60 months for an article with 8 bound
indices, on a real PostgreSQL.

    CMS_TEST_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/test \\
        uv run python benchmarks/index_import.py

Without CMS_TEST_DATABASE_URL (an admin URL) it starts an embedded PostgreSQL. It creates a
scratch database, migrates it, and drops it afterwards.

Figures (2 shared cores, PostgreSQL 15 on loopback and embedded PostgreSQL, four runs):

    import of 100,000 observations                 LONG_CSV 2.4 MB      SDMX_CSV 8.6 MB
      parsing alone                                0.35-0.95 s
      first import (all new)                       1.3-2.6 s            2.1-4.2 s
      the same file again (nothing changes)        1.2-2.4 s
      every 10th value revised (vintages kept)     1.1-2.9 s
    projection of 60 months, 8 bound indices of 1,000 months each
      loading the inputs (6 queries, 8,000 values) 48-75 ms (335 ms with ORM objects)
      the pure projection                          2.4-6.6 ms
"""

import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cost_model_service.articles.models import (  # noqa: E402
    Article,
    ProcessingStage,
    ProcessingStatus,
)
from cost_model_service.auth.models import Tenant  # noqa: E402
from cost_model_service.cost_models import service as cost_models  # noqa: E402
from cost_model_service.cost_models.schemas import CostModelShare  # noqa: E402
from cost_model_service.db import create_engine, create_sessionmaker  # noqa: E402
from cost_model_service.embedded import EmbeddedPostgres  # noqa: E402
from cost_model_service.index_series import service as index_series  # noqa: E402
from cost_model_service.index_series.importers import IndexFileFormat, parse_file  # noqa: E402
from cost_model_service.index_series.periods import parse_month  # noqa: E402
from cost_model_service.migrate import upgrade  # noqa: E402
from cost_model_service.pricing import service as pricing  # noqa: E402
from cost_model_service.pricing.inputs import load_inputs  # noqa: E402
from cost_model_service.pricing.projection import project  # noqa: E402
from cost_model_service.urls import libpq_url, with_database  # noqa: E402

SERIES, MONTHS = 100, 1000  # 100,000 observations, 1942-01 .. 2025-04
INDICES = ["STEEL", "ALUMINIUM", "COPPER", "PLASTICS", "RUBBER", "LABOUR", "ELECTRICITY", "FREIGHT"]
AUTO = IndexFileFormat.AUTO


def months() -> list[str]:
    start = parse_month("1942-01")
    return [str(start + n) for n in range(MONTHS)]


def long_csv(revise_every: int = 0) -> bytes:
    lines = ["series_code,period,value"]
    for s in range(SERIES):
        for n, month in enumerate(months()):
            value = Decimal(100 + s) + Decimal(n) / 10
            if revise_every and n % revise_every == 0:
                value += Decimal("0.3")
            lines.append(f"BENCH_{s:03d},{month},{value}")
    return ("\n".join(lines) + "\n").encode()


def sdmx_csv() -> bytes:
    lines = [
        "DATAFLOW,LAST UPDATE,freq,indic_bt,nace_r2,s_adj,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG"
    ]
    for s in range(SERIES):
        for n, month in enumerate(months()):
            flag = "p" if n == MONTHS - 1 else ""
            lines.append(
                f"ESTAT:STS_INPPD_M(1.0),29/01/25 23:00:00,M,PRC_PRR_DOM,C{s:03d},NSA,"
                f"I21,DE,{month},{Decimal(90 + s) + Decimal(n) / 20},{flag}"
            )
    return ("\n".join(lines) + "\n").encode()


async def timed(label: str, sessionmaker, tenant_id: uuid.UUID, data: bytes) -> None:
    async with sessionmaker() as session:
        started = time.perf_counter()
        # What pricing.import_index_file does but the enqueue (one Redis command, and
        # this benchmark runs no Redis).
        result = await index_series.import_file(session, tenant_id, data, AUTO)
        await session.commit()
        elapsed = time.perf_counter() - started
    print(
        f"  {label:<44} {elapsed:6.2f} s   {result.format.name:<8} "
        f"added {result.added:>7,}  revised {result.revised:>6,}"
    )


async def run(url: str) -> None:
    engine = create_engine(url)
    sessionmaker = create_sessionmaker(engine)
    async with sessionmaker() as session:
        tenant = Tenant(name="bench")
        session.add(tenant)
        await session.commit()
    data, sdmx = long_csv(), sdmx_csv()
    print(
        f"import of {SERIES * MONTHS:,} observations ({len(data) / 1e6:.1f} MB LONG_CSV, "
        f"{len(sdmx) / 1e6:.1f} MB SDMX_CSV)"
    )
    started = time.perf_counter()
    parse_file(data)
    print(f"  {'parsing alone (LONG_CSV)':<44} {time.perf_counter() - started:6.2f} s")
    await timed("first import (LONG_CSV, all new)", sessionmaker, tenant.id, data)
    await timed("same file again (nothing changes)", sessionmaker, tenant.id, data)
    await timed(
        "every 10th value revised (vintages kept)",
        sessionmaker,
        tenant.id,
        long_csv(revise_every=10),
    )
    await timed("Eurostat SDMX_CSV, 100 new series", sessionmaker, tenant.id, sdmx)

    async with sessionmaker() as session:
        article = Article(
            tenant_id=tenant.id,
            article_name="bench",
            processing_status=ProcessingStatus.COMPLETED,
            processing_stage=ProcessingStage.DONE,
        )
        session.add(article)
        await session.flush()
        shares = [CostModelShare("FIXED", Decimal(20))] + [
            CostModelShare(code, Decimal(10)) for code in INDICES
        ]
        await cost_models.replace_parts(session, article.id, shares)
        await session.commit()
        for n, code in enumerate(INDICES):
            await pricing.bind_cost_index(session, tenant.id, code, f"BENCH_{n:03d}", 2, None)
        await pricing.set_price_basis(
            session, tenant.id, article.id, Decimal("12.40"), "EUR", "2020-01"
        )
    first, last = parse_month("2020-06"), parse_month("2025-05")
    loads, projections = [], []
    for _ in range(7):
        async with sessionmaker() as session:
            started = time.perf_counter()
            inputs = (await load_inputs(session, tenant.id, [article.id]))[article.id]
            loaded = time.perf_counter()
            assert inputs is not None
            result = project(inputs, first, last)
            projections.append(time.perf_counter() - loaded)
            loads.append(loaded - started)
    assert len(result.points) == 60 and not result.unbound
    print("projection of 60 months, 8 bound indices (1,000 months each), median of 7")
    print(
        f"  {'loading inputs (6 queries, 8,000 values)':<44} "
        f"{statistics.median(loads) * 1000:6.1f} ms"
    )
    print(f"  {'the pure projection':<44} {statistics.median(projections) * 1000:6.1f} ms")
    print(
        f"  last point {result.points[-1].month}: factor "
        f"{result.points[-1].factor:.6f}, price {result.points[-1].price}"
    )
    await engine.dispose()


async def main() -> None:
    admin = os.environ.get("CMS_TEST_DATABASE_URL")
    with tempfile.TemporaryDirectory(prefix="cms-bench-") as tmp:
        postgres = None
        if not admin:
            postgres = EmbeddedPostgres(Path(tmp) / "postgres", delete_on_stop=True)
            admin = postgres.url("postgres")
        plain = libpq_url(admin)
        name = f"cms_bench_{uuid.uuid4().hex[:8]}"
        connection = await asyncpg.connect(plain)
        await connection.execute(f'CREATE DATABASE "{name}"')
        await connection.close()
        url = with_database(admin, name)
        try:
            await asyncio.to_thread(upgrade, url)
            await run(url)
        finally:
            connection = await asyncpg.connect(plain)
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await connection.close()
            if postgres is not None:
                postgres.stop()


if __name__ == "__main__":
    asyncio.run(main())
