"""Offline, deterministic analysis: unit weight and a heuristic cost model from the text."""

from cost_model_service.analysis.rules.analyzer import RulesAnalyzer
from cost_model_service.analysis.rules.cost_model import build_cost_model
from cost_model_service.analysis.rules.weight import find_unit_weight

__all__ = ["RulesAnalyzer", "build_cost_model", "find_unit_weight"]
