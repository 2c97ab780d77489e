"""Choosing the analyzer from the settings (CMS_ANALYZER)."""

from cost_model_service.analysis.base import Analyzer
from cost_model_service.config import AnalyzerChoice, Settings
from cost_model_service.db import SessionMaker


def build_analyzer(settings: Settings, sessionmaker: SessionMaker | None = None) -> Analyzer:
    """The rules analyzer alone, or the OpenAI one (alone or hybrid with the rules); LLM
    analyzers are wrapped in the PostgreSQL cache when a sessionmaker is given."""
    from cost_model_service.analysis.isolation import pool_for
    from cost_model_service.analysis.rules import RulesAnalyzer

    # Documents and the rules run in the isolated processes: start them now, not at the
    # first article.
    pool = pool_for(settings)
    pool.warm_up()
    rules = RulesAnalyzer(offload=pool.run_rules)
    choice = settings.resolved_analyzer()
    if choice is AnalyzerChoice.rules:
        return rules
    from cost_model_service.analysis.cache import CachingAnalyzer
    from cost_model_service.analysis.hybrid import HybridAnalyzer
    from cost_model_service.analysis.openai_analyzer import OpenAIAnalyzer

    llm = OpenAIAnalyzer.from_settings(settings)
    analyzer: Analyzer = (
        llm
        if settings.analyzer is AnalyzerChoice.openai
        else HybridAnalyzer(rules, llm, ask_below=settings.hybrid_llm_below_confidence)
    )
    if sessionmaker is None:
        return analyzer
    return CachingAnalyzer(analyzer, sessionmaker, settings.openai_model)
