"""`cms index import FILE --tenant NAME [--format ...]`, the real command."""

import asyncio
import uuid

import pytest

from cost_model_service.auth.keys import get_or_create_tenant
from cost_model_service.cli import main
from cost_model_service.config import Settings
from cost_model_service.db import create_engine, create_sessionmaker
from cost_model_service.index_series import service as index_series
from cost_model_service.jobs.names import JobName
from cost_model_service.jobs.queue import create_redis
from tests.pricing.support import DATA


async def cms(*argv: str) -> int:
    return await asyncio.to_thread(main, list(argv))


async def test_operators_import_files_for_a_tenant(
    settings: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CMS_DATABASE_URL", settings.database_url or "")
    monkeypatch.setenv("CMS_REDIS_URL", settings.redis_url or "")
    monkeypatch.setenv("CMS_REDIS_PREFIX", settings.redis_prefix)
    name = f"ops-{uuid.uuid4().hex[:8]}"
    engine = create_engine(settings.database_url or "")
    sessionmaker = create_sessionmaker(engine)
    try:
        async with sessionmaker() as session:
            tenant = await get_or_create_tenant(session, name)
            await session.commit()

        assert (
            await cms(
                "index",
                "import",
                str(DATA / "bls_flat/wp.data.sample"),
                "--tenant",
                name,
                "--format",
                "bls_flat",
            )
            == 0
        )
        out = capsys.readouterr().out
        assert "BLS_FLAT, 2 series, 48 observations added, 0 revised" in out
        assert "WPU101  MONTHLY  latest 2024-12" in out
        # The tenant's alerts are evaluated by a worker: the import queued that job.
        queue = create_redis(settings)
        try:
            queued = [job.decode() for job in await queue.zrange(settings.redis_keys.queue, 0, -1)]
        finally:
            await queue.aclose()
        job_id = settings.redis_keys.job_id(JobName.EVALUATE_PRICE_ALERTS, f"{tenant.id}:")
        assert len(queued) == 1 and queued[0].startswith(job_id)

        bad = DATA / "malformed/long_csv_bad_period.csv"
        assert await cms("index", "import", str(bad), "--tenant", name) == 1
        assert "line 4: period '2024-13'" in capsys.readouterr().err
        assert await cms("index", "import", str(bad), "--tenant", "nobody-" + name) == 1
        assert "no tenant named" in capsys.readouterr().err
        with pytest.raises(SystemExit):
            await cms("index", "import", str(bad), "--tenant", name, "--format", "xlsx")

        async with sessionmaker() as session:
            codes = [s.code for s in await index_series.list_series(session, tenant.id)]
        assert codes == ["WPU0721", "WPU101"]
    finally:
        await engine.dispose()
