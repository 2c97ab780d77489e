"""An analyzer wrapper that caches results in PostgreSQL, keyed by the sha256 of the input
text, the model and the prompt version: the same specification uploaded again costs no
LLM call. Only successful results are stored."""

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from sqlalchemy.dialects.postgresql import insert

from cost_model_service.analysis.base import Analyzer, CostModelResult, ImageInput, WeightResult
from cost_model_service.analysis.llm.prompts import PROMPT_VERSION
from cost_model_service.analysis.models import LLMCacheEntry
from cost_model_service.cost_indices.schemas import CatalogueIndex
from cost_model_service.cost_models.schemas import CostModelShare
from cost_model_service.db import SessionMaker
from cost_model_service.observability import metrics

log = logging.getLogger(__name__)


def cache_key(step: str, analyzer: str, model: str, text: str, *args: Any) -> str:
    payload = json.dumps([step, analyzer, model, PROMPT_VERSION, text, *args], default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _digests(images: Sequence[ImageInput]) -> list[str]:
    return [hashlib.sha256(image.data).hexdigest() for image in images]


class CachingAnalyzer:
    def __init__(
        self, inner: Analyzer, sessionmaker: SessionMaker, model: str, *, read: bool = True
    ) -> None:
        self.inner = inner
        self.name = inner.name
        self._sessionmaker = sessionmaker
        self._model = model
        self._read = read

    def refreshing(self) -> "CachingAnalyzer":
        """The same analyzer asking the model afresh (and storing the new answers): for a
        deliberate re-analysis, which would be pointless if it got the cached answer."""
        return CachingAnalyzer(self.inner, self._sessionmaker, self._model, read=False)

    async def extract_weight(self, text: str, images: Sequence[ImageInput] = ()) -> WeightResult:
        key = cache_key("unit_weight", self.name, self._model, text, _digests(images))
        if (hit := await self._get(key, "unit_weight")) is not None:
            return WeightResult(**{k: v for k, v in hit.items() if k != "usage"})
        result = await self.inner.extract_weight(text, images)
        stored = {k: v for k, v in asdict(result).items() if k != "usage"}
        await self._put(key, "unit_weight", stored)
        return result

    async def generate_cost_model(
        self,
        text: str,
        catalogue: list[CatalogueIndex],
        unit_weight_grams: float | None,
        images: Sequence[ImageInput] = (),
    ) -> CostModelResult:
        codes = sorted(index.code for index in catalogue)
        key = cache_key(
            "cost_model", self.name, self._model, text, codes, unit_weight_grams, _digests(images)
        )
        if (hit := await self._get(key, "cost_model")) is not None:
            parts = [
                CostModelShare(p["code"], Decimal(p["part"]), p["rationale"]) for p in hit["parts"]
            ]
            return CostModelResult(parts=parts, method=hit["method"], notes=hit["notes"])
        result = await self.inner.generate_cost_model(text, catalogue, unit_weight_grams, images)
        stored = {
            "parts": [
                {"code": p.code, "part": str(p.part), "rationale": p.rationale}
                for p in result.parts
            ],
            "method": result.method,
            "notes": result.notes,
        }
        await self._put(key, "cost_model", stored)
        return result

    async def _get(self, key: str, step: str) -> dict[str, Any] | None:
        if not self._read:
            return None
        async with self._sessionmaker() as session:
            entry = await session.get(LLMCacheEntry, key)
            metrics.llm_cache_lookup(self._model, step, hit=entry is not None)
            if entry is None:
                return None
            entry.hits += 1
            await session.commit()
            log.info("LLM cache hit for %s (%s)", step, key[:12])
            return entry.result

    async def _put(self, key: str, step: str, result: dict[str, Any]) -> None:
        statement = (
            insert(LLMCacheEntry)
            .values(
                key=key,
                step=step,
                model=self._model,
                prompt_version=PROMPT_VERSION,
                result=result,
                hits=0,
            )
            .on_conflict_do_update(index_elements=["key"], set_={"result": result})
        )
        async with self._sessionmaker() as session:
            await session.exec(statement)
            await session.commit()
