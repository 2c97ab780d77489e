"""HybridAnalyzer: rules first for the weight, the LLM (OpenAIAnalyzer on the fake) otherwise."""

from collections.abc import AsyncIterator
from decimal import Decimal

import pytest

from cost_model_service.analysis.base import AnalysisError, CostModelResult, WeightResult
from cost_model_service.analysis.hybrid import HybridAnalyzer
from cost_model_service.analysis.openai_analyzer import OpenAIAnalyzer
from cost_model_service.analysis.rules import RulesAnalyzer
from cost_model_service.config import Settings
from cost_model_service.cost_indices.schemas import CatalogueIndex
from tests.fake_openai import FakeOpenAI
from tests.helpers import changed

CATALOGUE = [
    CatalogueIndex("STEEL", "Steel", "material"),
    CatalogueIndex("LABOUR", "Labour", "labour"),
    CatalogueIndex("FIXED", "Fixed share", "fixed"),
]
SHEET = "Angle bracket AB-120, structural steel S235JR\nWeight: 0.42 kg\n"


class StubRules:
    """A stand-in for the offline rules analyzer with a fixed weight answer."""

    name = "rules"

    def __init__(self, grams: float | None, confidence: float, fail: bool = False) -> None:
        self.result = WeightResult(grams, "rules", "rules evidence", confidence)
        self.fail = fail
        self.weight_calls = 0

    async def extract_weight(self, text: str) -> WeightResult:
        self.weight_calls += 1
        if self.fail:
            raise AnalysisError("rules broke")
        return self.result

    async def generate_cost_model(
        self, text: str, catalogue: list[CatalogueIndex], unit_weight_grams: float | None
    ) -> CostModelResult:
        raise AssertionError("the hybrid takes the cost model from the LLM")


@pytest.fixture
async def llm(fake_openai: FakeOpenAI) -> AsyncIterator[OpenAIAnalyzer]:
    fake_openai.reset()
    analyzer = OpenAIAnalyzer(api_key="k", base_url=fake_openai.base_url, timeout=5, max_retries=0)
    yield analyzer
    await analyzer.aclose()


async def test_confident_rules_skip_the_llm(fake_openai: FakeOpenAI, llm: OpenAIAnalyzer) -> None:
    rules = StubRules(420.0, 0.9)
    hybrid = HybridAnalyzer(rules, llm)
    result = await hybrid.extract_weight(SHEET)

    assert hybrid.name == "auto"
    assert result is rules.result
    assert fake_openai.chat_requests() == []


async def test_doubtful_rules_ask_the_llm_and_agreement_raises_confidence(
    fake_openai: FakeOpenAI, llm: OpenAIAnalyzer
) -> None:
    result = await HybridAnalyzer(StubRules(420.0, 0.6), llm).extract_weight(SHEET)

    assert result.method == "openai"
    assert result.grams == pytest.approx(420)
    assert result.evidence == "Weight: 0.42 kg"
    assert result.confidence == pytest.approx(0.9)
    assert result.usage is not None and result.usage.calls == 1
    assert len(fake_openai.chat_requests("unit_weight")) == 1


async def test_disagreement_keeps_the_llm_value_with_low_confidence(
    fake_openai: FakeOpenAI, llm: OpenAIAnalyzer
) -> None:
    sheet = "Concealed hinge CH-110\nWeight: 85 g\nPermitted door weight: 12 kg\n"
    result = await HybridAnalyzer(StubRules(12_000.0, 0.5), llm).extract_weight(sheet)
    assert result.grams == pytest.approx(85)
    assert result.method == "openai"
    assert result.confidence == pytest.approx(0.5)


async def test_llm_none_wins_over_a_doubtful_rules_value(
    fake_openai: FakeOpenAI, llm: OpenAIAnalyzer
) -> None:
    sheet = "Pressure transmitter PT-420\nVibration: 20 g (10-2000 Hz)\nShock: 100 g\n"
    result = await HybridAnalyzer(StubRules(20.0, 0.25), llm).extract_weight(sheet)
    assert result.grams is None
    assert result.method == "openai"
    assert result.confidence <= 0.5


@pytest.mark.parametrize("rules", [StubRules(None, 0.0), StubRules(1.0, 0.9, fail=True)])
async def test_no_rules_answer_means_the_llm_answer(
    fake_openai: FakeOpenAI, llm: OpenAIAnalyzer, rules: StubRules
) -> None:
    result = await HybridAnalyzer(rules, llm).extract_weight(SHEET)
    assert rules.weight_calls == 1
    assert (result.grams, result.method, result.confidence) == (pytest.approx(420), "openai", 0.7)


async def test_transient_llm_failure_is_raised_not_covered_by_rules(
    fake_openai: FakeOpenAI, llm: OpenAIAnalyzer
) -> None:
    fake_openai.script("server_error", times=None)
    with pytest.raises(AnalysisError) as caught:
        await HybridAnalyzer(StubRules(400.0, 0.6), llm).extract_weight(SHEET)
    assert caught.value.transient


async def test_cost_model_comes_from_the_llm(fake_openai: FakeOpenAI, llm: OpenAIAnalyzer) -> None:
    rules = StubRules(420.0, 0.9)
    result = await HybridAnalyzer(rules, llm).generate_cost_model(SHEET, CATALOGUE, 420.0)
    assert result.method == "openai"
    assert sum(p.part for p in result.parts) == Decimal("100.00")
    assert len(fake_openai.chat_requests("cost_model")) == 1


@pytest.mark.parametrize(("ask_below", "asked"), [(0.95, True), (0.85, True), (0.5, False)])
async def test_the_llm_is_asked_below_the_configured_confidence(
    fake_openai: FakeOpenAI, llm: OpenAIAnalyzer, ask_below: float, asked: bool
) -> None:
    rules = StubRules(420.0, 0.6 if not asked else 0.9 if ask_below > 0.9 else 0.8)
    result = await HybridAnalyzer(rules, llm, ask_below=ask_below).extract_weight(SHEET)
    assert len(fake_openai.chat_requests("unit_weight")) == (1 if asked else 0)
    assert result.method == ("openai" if asked else "rules")
    assert result.grams == pytest.approx(420)


def test_the_threshold_is_a_setting(settings: Settings) -> None:
    from cost_model_service.analysis.factory import build_analyzer

    hybrid = build_analyzer(
        changed(settings, analyzer="auto", openai_api_key="k", hybrid_llm_below_confidence=0.95)
    )
    assert isinstance(hybrid, HybridAnalyzer) and hybrid.ask_below == 0.95


@pytest.mark.parametrize("failure", ["invalid_key", "malformed_json", "bad_request"])
async def test_a_failed_llm_keeps_the_rules_weight(
    fake_openai: FakeOpenAI, llm: OpenAIAnalyzer, failure: str
) -> None:
    fake_openai.script(failure, times=None)
    rules = StubRules(400.0, 0.6)
    result = await HybridAnalyzer(rules, llm).extract_weight(SHEET)
    assert result is rules.result


async def test_a_transient_llm_failure_carries_the_rules_weight_for_the_last_try(
    fake_openai: FakeOpenAI, llm: OpenAIAnalyzer
) -> None:
    fake_openai.script("rate_limit", times=None, retry_after=0)
    rules = StubRules(400.0, 0.6)
    with pytest.raises(AnalysisError) as caught:
        await HybridAnalyzer(rules, llm).extract_weight(SHEET)
    assert caught.value.transient and caught.value.fallback is rules.result


async def test_without_a_rules_weight_an_llm_failure_is_raised(
    fake_openai: FakeOpenAI, llm: OpenAIAnalyzer
) -> None:
    fake_openai.script("invalid_key", times=None)
    with pytest.raises(AnalysisError) as caught:
        await HybridAnalyzer(StubRules(None, 0.0), llm).extract_weight(SHEET)
    assert caught.value.fallback is None


async def test_an_llm_weight_quoted_from_nowhere_keeps_the_rules_weight(
    fake_openai: FakeOpenAI, llm: OpenAIAnalyzer
) -> None:
    invented = {"weight_grams": 9000, "evidence": "Weight: 9 kg", "unit_as_written": "kg"}
    fake_openai.script("content", content=invented, schema="unit_weight")
    rules = StubRules(420.0, 0.6)
    result = await HybridAnalyzer(rules, llm).extract_weight(SHEET)
    assert result is rules.result


# With the real rules analyzer: the rules judge the snippet the LLM quotes.


async def llm_quotes(
    fake_openai: FakeOpenAI,
    llm: OpenAIAnalyzer,
    sheet: str,
    grams: float | None,
    evidence: str,
    unit: str | None,
) -> WeightResult:
    """The hybrid's weight for `sheet` when the LLM answers `grams`, quoting `evidence`."""
    quoted = {"weight_grams": grams, "evidence": evidence, "unit_as_written": unit}
    fake_openai.script("content", content=quoted, schema="unit_weight")
    return await HybridAnalyzer(RulesAnalyzer(), llm).extract_weight(sheet)


async def test_an_llm_reading_a_weight_per_metre_does_not_overrule_a_cut_piece(
    fake_openai: FakeOpenAI, llm: OpenAIAnalyzer
) -> None:
    sheet = "Flat bar 40x5, cut to 2000 mm\nSales unit: 1 piece\nWeight: 1.57 kg/m\n"
    result = await llm_quotes(fake_openai, llm, sheet, 1570, "Weight: 1.57 kg/m", "kg")
    assert result.method == "rules" and result.grams == pytest.approx(3140)
    assert result.confidence <= 0.5  # disputed
    assert len(fake_openai.chat_requests("unit_weight")) == 1  # derived: the LLM was asked


async def test_an_llm_quoting_an_accessory_does_not_replace_no_weight(
    fake_openai: FakeOpenAI, llm: OpenAIAnalyzer
) -> None:
    sheet = "Flow switch FS-2\nWeight: see drawing\nAccessory: mounting plate, weight 55 g\n"
    result = await llm_quotes(
        fake_openai, llm, sheet, 55, "Accessory: mounting plate, weight 55 g", "g"
    )
    assert result.grams is None and result.method == "rules"


async def test_an_llm_reading_the_rules_accept_wins_a_dispute(
    fake_openai: FakeOpenAI, llm: OpenAIAnalyzer
) -> None:
    # Two weights with nothing to tell them apart: the rules doubt, the LLM decides.
    sheet = "Bracket B-4\nWeight: 120 g\nWeight: 135 g\n"
    result = await llm_quotes(fake_openai, llm, sheet, 135, "Weight: 135 g", "g")
    assert result.method == "openai" and result.grams == pytest.approx(135)


@pytest.mark.parametrize("confidence", [0.7, 0.36])  # medium; a derived or doubtful weight
async def test_llm_none_does_not_overrule_a_rules_weight_of_medium_confidence(
    fake_openai: FakeOpenAI, llm: OpenAIAnalyzer, confidence: float
) -> None:
    fake_openai.script(
        "content",
        content={"weight_grams": None, "evidence": "", "unit_as_written": None},
        schema="unit_weight",
    )
    rules = StubRules(160.0, confidence)
    result = await HybridAnalyzer(rules, llm).extract_weight(SHEET)
    assert (result.grams, result.method) == (160.0, "rules")
    assert result.confidence == min(confidence, 0.5)  # disputed


async def test_llm_none_does_not_overrule_a_gross_carton_divided_by_its_count(
    fake_openai: FakeOpenAI, llm: OpenAIAnalyzer
) -> None:
    # Only the carton's gross weight is stated: the labelling rules divide it by its count.
    sheet = (
        "Wall bracket WB-9, zinc plated steel\nCarton: 24 pcs\nGross weight per carton: 10.8 kg\n"
    )
    fake_openai.script(
        "content",
        content={"weight_grams": None, "evidence": "", "unit_as_written": None},
        schema="unit_weight",
    )
    result = await HybridAnalyzer(RulesAnalyzer(), llm).extract_weight(sheet)
    assert (result.grams, result.method) == (pytest.approx(450), "rules")
    assert result.confidence <= 0.45


async def test_an_llm_reading_another_variant_does_not_overrule_the_ordered_one(
    fake_openai: FakeOpenAI, llm: OpenAIAnalyzer
) -> None:
    sheet = (
        "Wall shelf — ordered model: WS-80\n| Model | WS-60 | WS-80 |\n"
        "| Weight | 3.1 kg | 4.2 kg |\n"
    )
    result = await llm_quotes(fake_openai, llm, sheet, 3100, "| Weight | 3.1 kg", "kg")
    assert result.method == "rules" and result.grams == pytest.approx(4200)
