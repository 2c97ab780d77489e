"""Unit weights derived from other stated weights (issue 14, round X/W and V/U): a
corrected value or the current revision's, a base plus an ordered option, an order line's
total over its pieces, gross minus tare, a kit's summed parts.
Each derived value is less sure than a stated one (confidence below 0.8)."""

from cost_model_service.analysis.rules.corrections import apply_corrections
from cost_model_service.analysis.rules.kit_sum import with_kit_sum
from cost_model_service.analysis.rules.options import with_options
from cost_model_service.analysis.rules.order_totals import divided_line_totals
from cost_model_service.analysis.rules.revisions import current_revision
from cost_model_service.analysis.rules.scoring import Candidate
from cost_model_service.analysis.rules.sheet import Sheet
from cost_model_service.analysis.rules.tare import with_tare


def derived(sheet: Sheet, candidates: list[Candidate]) -> list[Candidate]:
    candidates = apply_corrections(sheet, candidates)  # before any arithmetic on them
    candidates = current_revision(sheet, candidates)  # the revision the sheet says holds
    candidates = with_options(sheet, candidates)  # base + an ordered option's added weight
    candidates = divided_line_totals(sheet, candidates)
    candidates = with_tare(sheet, candidates)
    return with_kit_sum(sheet, candidates)
