"""The OpenAI analyzer: unit weight and cost model from structured-output chat completions."""

import logging
import re
from collections.abc import Sequence

from cost_model_service.analysis.base import (
    AnalysisError,
    CostModelResult,
    ImageInput,
    LLMUsage,
    WeightResult,
)
from cost_model_service.analysis.llm import prompts, schemas
from cost_model_service.analysis.llm.client import ChatClient, Completion
from cost_model_service.analysis.llm.schemas import Answer
from cost_model_service.analysis.llm.windows import excerpt, weight_excerpt
from cost_model_service.analysis.shares import normalize_shares
from cost_model_service.config import Settings
from cost_model_service.cost_indices.schemas import CatalogueIndex
from cost_model_service.cost_models.schemas import CostModelShare

log = logging.getLogger(__name__)

CONFIDENCE = 0.7  # the model gives none; a quoted, verifiable snippet is worth this much
UNVERIFIED_CONFIDENCE = 0.4  # the quoted evidence is not in the sheet: maybe invented


class OpenAIAnalyzer:
    name = "openai"

    def __init__(
        self,
        *,
        api_key: str | None,
        model: str = "gpt-4o-mini",
        base_url: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 3,
        max_input_chars: int = 12_000,
    ) -> None:
        self.model = model
        self.max_input_chars = max_input_chars
        # A missing key is reported per analysis (readable for the buyer), not at startup.
        self._chat = ChatClient(
            api_key=api_key,
            model=model,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> "OpenAIAnalyzer":
        key = settings.openai_api_key
        return cls(
            api_key=key.get_secret_value() if key else None,
            model=settings.openai_model,
            base_url=settings.openai_base_url,
            timeout=settings.openai_timeout_seconds,
            max_retries=settings.openai_max_retries,
            max_input_chars=settings.llm_max_input_chars,
        )

    async def aclose(self) -> None:
        await self._chat.aclose()

    async def extract_weight(self, text: str, images: Sequence[ImageInput] = ()) -> WeightResult:
        if not text.strip() and not images:
            return WeightResult(grams=None, method=self.name, confidence=1.0)
        spec = weight_excerpt(text, self.max_input_chars)
        messages = prompts.with_images(prompts.weight_messages(spec), images)
        done = await self._chat.complete(messages, schemas.weight_format())
        answer, problem = _parsed(done, schemas.WeightAnswer)
        if answer is None:
            raise AnalysisError(f"the model returned an invalid weight: {problem}")
        grams = answer.weight_grams
        evidence = answer.evidence.strip() or None
        if grams is not None and not 0 < grams < float("inf"):
            log.warning("model gave an impossible weight %r (%r)", grams, evidence)
            return WeightResult(None, self.name, evidence, confidence=0.0, usage=done.usage)
        confidence = CONFIDENCE
        if grams is not None and not (evidence and quoted(evidence, text)):
            confidence = UNVERIFIED_CONFIDENCE
        return WeightResult(grams, self.name, evidence, confidence, usage=done.usage)

    async def generate_cost_model(
        self,
        text: str,
        catalogue: list[CatalogueIndex],
        unit_weight_grams: float | None,
        images: Sequence[ImageInput] = (),
    ) -> CostModelResult:
        if not catalogue:
            raise AnalysisError("the cost index catalogue is empty")
        spec, notes = self._cost_excerpt(text, catalogue)
        fixed = schemas.fixed_codes(catalogue)
        messages = prompts.with_images(
            prompts.cost_messages(spec, catalogue, unit_weight_grams, fixed), images
        )
        response_format = schemas.cost_model_format(catalogue)
        usage = LLMUsage(model=self.model)
        done = await self._chat.complete(messages, response_format)
        usage.add(done.usage)
        answer, errors = _checked(done, catalogue)
        if errors:
            log.info("cost model rejected, asking again: %s", "; ".join(errors))
            # One retry with the reasons: models usually fix a sum or a code when told.
            messages = [*messages, *prompts.feedback(done.content, errors)]
            done = await self._chat.complete(messages, response_format)
            usage.add(done.usage)
            answer, errors = _checked(done, catalogue)
        if answer is None or errors:
            raise AnalysisError(f"the model returned an invalid cost model: {'; '.join(errors)}")
        shares = normalize_shares({p.code: p.part for p in answer.parts})
        return CostModelResult(
            # A share that is 0.00 after rounding is no part of the model.
            parts=[
                CostModelShare(p.code, shares[p.code], p.rationale)
                for p in answer.parts
                if shares[p.code] > 0
            ],
            method=self.name,
            usage=usage,
            notes=notes,
        )

    def _cost_excerpt(self, text: str, catalogue: list[CatalogueIndex]) -> tuple[str, list[str]]:
        if len(text) <= self.max_input_chars:
            return text, []
        # A long sheet: keep the first half of the budget (description, materials usually
        # come first) and windows around the catalogue's material names.
        materials = [i for i in catalogue if i.category == "material"]
        names = {n for i in materials for n in (i.name, i.code.replace("_", " "))}
        names |= {"material", "werkstoff", "matériau", "materiale"}
        pattern = re.compile("|".join(re.escape(n) for n in sorted(names)), re.IGNORECASE)
        spec = excerpt(text, [pattern], self.max_input_chars, self.max_input_chars // 2)
        return spec, [f"the model saw {len(spec)} of {len(text)} characters of the specification"]


def _parsed(done: Completion, model: type[Answer]) -> tuple[Answer | None, str]:
    if done.refusal:
        raise AnalysisError(f"the model refused to analyse the specification: {done.refusal}")
    if done.truncated:
        return None, "the answer was cut off at the token limit"
    return schemas.parse_json(done.content, model)


def _checked(
    done: Completion, catalogue: list[CatalogueIndex]
) -> tuple[schemas.CostModelAnswer | None, list[str]]:
    answer, problem = _parsed(done, schemas.CostModelAnswer)
    if answer is None:
        return None, [problem]
    return answer, schemas.check_cost_model(answer, catalogue)


def _squash(s: str) -> str:
    return " ".join(s.split()).casefold()


def quoted(evidence: str, text: str) -> bool:
    """Whether the evidence occurs in the text, ignoring case and runs of whitespace."""
    return _squash(evidence) in _squash(text)
