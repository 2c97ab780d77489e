"""`cms eval`: an analyzer's accuracy on a labelled corpus of specification sheets."""

from cost_model_service.evaluation.corpus import CorpusError, Label, load_labels
from cost_model_service.evaluation.report import Outcome, Report
from cost_model_service.evaluation.runner import evaluate

__all__ = ["CorpusError", "Label", "Outcome", "Report", "evaluate", "load_labels"]
