"""Choosing the analyzer from the settings (CMS_ANALYZER)."""

from cost_model_service.analysis.base import Analyzer
from cost_model_service.config import AnalyzerChoice, Settings


def build_analyzer(settings: Settings) -> Analyzer:
    from cost_model_service.analysis.rules import RulesAnalyzer

    rules = RulesAnalyzer()
    choice = settings.resolved_analyzer()
    if choice is AnalyzerChoice.rules:
        return rules
    from cost_model_service.analysis.hybrid import HybridAnalyzer
    from cost_model_service.analysis.openai_analyzer import OpenAIAnalyzer

    llm = OpenAIAnalyzer.from_settings(settings)
    if settings.analyzer is AnalyzerChoice.openai:
        return llm
    return HybridAnalyzer(rules, llm)
