"""The "auto" analyzer: the offline rules where they are sure, the LLM everywhere else."""

import logging
from collections.abc import Sequence
from dataclasses import replace

from cost_model_service.analysis.base import (
    AnalysisError,
    Analyzer,
    CostModelResult,
    ImageInput,
    WeightResult,
)
from cost_model_service.analysis.openai_analyzer import quoted
from cost_model_service.cost_indices.schemas import CatalogueIndex

log = logging.getLogger(__name__)

ASK_BELOW = 0.8  # default CMS_HYBRID_LLM_BELOW_CONFIDENCE: rules at least this sure suffice
AGREEMENT = 0.02  # relative difference under which rules and LLM count as agreeing
AGREED_CONFIDENCE = 0.9
DISPUTED_CONFIDENCE = 0.5
# The LLM's "no weight" overrules only a rules weight less sure than this: guesses the
# rules themselves discount (equal rivals, a mass in the title). Their weights of 0.3-0.5
# (a gross carton divided by its count, an OCR-doubtful number, a weight read from prose)
# were right on 13 of 16 sheets of the blind corpora when new (docs/ACCURACY.md).
NONE_WINS_BELOW = 0.3


class HybridAnalyzer:
    """Never worse than the rules alone by construction, where that can be judged without
    knowing the answer: a failed LLM call or an answer whose quoted evidence is not in the
    sheet leaves the rules' weight in place."""

    name = "auto"

    def __init__(self, rules: Analyzer, llm: Analyzer, *, ask_below: float = ASK_BELOW) -> None:
        self.rules = rules
        self.llm = llm
        self.ask_below = ask_below

    async def extract_weight(self, text: str, images: Sequence[ImageInput] = ()) -> WeightResult:
        try:
            ruled: WeightResult | None = await self.rules.extract_weight(text)
        except AnalysisError as error:
            # The rules are only a shortcut; the LLM can still answer.
            log.warning("rules weight extraction failed: %s", error.message)
            ruled = None
        found = ruled is not None and ruled.grams is not None
        if ruled is not None and found and ruled.confidence >= self.ask_below:
            return ruled  # saves an LLM call on the many sheets with one plain "Weight:" line
        try:
            answer = await self.llm.extract_weight(text, images)
        except AnalysisError as error:
            if ruled is None or not found:
                raise
            # A transient failure still makes the job retry (a better answer than a doubtful
            # rules guess, later); with no try left the pipeline keeps the rules' weight.
            # Anything else (key, model, a malformed answer): the rules' weight stands.
            if error.transient:
                raise AnalysisError(error.message, transient=True, fallback=ruled) from error
            log.warning(
                "LLM weight extraction failed, keeping the rules' weight: %s", error.message
            )
            return ruled
        if ruled is None or ruled.grams is None:
            if ruled is not None and not await self._rules_accept(text, answer, strict=True):
                # The rules found no weight and reject the one the LLM quotes (an accessory,
                # a cable per metre): no weight stays the better answer.
                return _disputed(ruled)
            return answer
        if answer.grams is not None and not quoted(answer.evidence or "", text):
            # Implausible: the LLM's evidence is not in the sheet (maybe invented, maybe read
            # off the image alone), while the rules read their value from the text.
            log.info("LLM weight %s g unverified; keeping rules %s g", answer.grams, ruled.grams)
            return ruled
        if answer.grams is None:
            # The LLM saw the same lines the rules matched (windows around every weight word
            # and mass quantity) and found no unit weight in them. Against a doubtful rules
            # hit (a likely distractor: load capacity, torque in kg·cm, a gross pack
            # weight) None wins: a missing weight is visible and gets entered by the buyer,
            # a wrong one silently skews the material shares. A derived rules weight (a
            # carton's gross weight divided by its count) or better stands, flagged as
            # disputed.
            log.info("LLM found no weight; rules guessed %s g (%s)", ruled.grams, ruled.evidence)
            if ruled.confidence >= NONE_WINS_BELOW:
                return _disputed(ruled)
            answer.confidence = min(answer.confidence, DISPUTED_CONFIDENCE)
            return answer
        # Both found a weight: agreement from two independent methods raises confidence.
        if abs(answer.grams - ruled.grams) <= AGREEMENT * max(answer.grams, ruled.grams):
            answer.confidence = max(answer.confidence, ruled.confidence, AGREED_CONFIDENCE)
            return answer
        log.info("weight disputed: LLM %s g, rules %s g", answer.grams, ruled.grams)
        if not await self._rules_accept(text, answer):
            # The rules read the LLM's own quote differently: a weight per metre of a cut
            # piece, a set's weight, an area weight, an accessory. Their reading stands.
            return _disputed(ruled)
        # Otherwise the LLM's value wins: it reads context the rules cannot (net vs gross,
        # per pack, ordered variant).
        answer.confidence = min(answer.confidence, DISPUTED_CONFIDENCE)
        return answer

    async def _rules_accept(self, text: str, answer: WeightResult, *, strict: bool = False) -> bool:
        """Whether the rules read the LLM's weight in the snippet it quotes, or cannot judge
        the snippet (no mass quantity in it). `strict`: only an outright rejection of every
        quantity quoted counts against the LLM (the rules may read a value differently
        where they found no weight at all)."""
        weigh_quote = getattr(self.rules, "weigh_quote", None)
        if weigh_quote is None or not answer.evidence or answer.grams is None:
            return True
        try:
            readings = await weigh_quote(text, answer.evidence)
        except AnalysisError:
            return True
        if readings is None:
            return True
        if strict:
            return any(grams is not None for grams in readings)
        return any(
            grams is not None and abs(grams - answer.grams) <= AGREEMENT * max(grams, answer.grams)
            for grams in readings
        )

    async def generate_cost_model(
        self,
        text: str,
        catalogue: list[CatalogueIndex],
        unit_weight_grams: float | None,
        images: Sequence[ImageInput] = (),
    ) -> CostModelResult:
        return await self.llm.generate_cost_model(text, catalogue, unit_weight_grams, images)


def _disputed(ruled: WeightResult) -> WeightResult:
    return replace(ruled, confidence=min(ruled.confidence, DISPUTED_CONFIDENCE))
