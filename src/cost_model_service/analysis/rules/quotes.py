"""What the rules make of a snippet another analyzer quotes as its evidence: the hybrid
checks an LLM's weight against it, so that an LLM reading a weight per metre, an area
weight, an accessory's weight or another variant's as the article's cannot overrule the
rules."""

import re

from cost_model_service.analysis.rules.mentions import QUANTITY
from cost_model_service.analysis.rules.sheet import Sheet, normalized
from cost_model_service.analysis.rules.weight import best_of, candidates_of

_MAX_QUOTE = 1000


def quoted_weights(text: str, evidence: str) -> list[float | None] | None:
    """The unit weight the rules read from each mass quantity inside the quoted snippet
    (None for one they reject: a distractor, an accessory, a pack without its count), or
    None when the snippet is not found in the text or holds no mass quantity."""
    # Normalised as the sheet is (emphasis, underscores), so the quote's words match.
    words = normalized(evidence).split()[:100]
    if not words or len(evidence) > _MAX_QUOTE:
        return None
    sheet = Sheet.read(text)
    pattern = r"\s*(?:\|\s*)?".join(re.escape(word) for word in words)
    found = re.search(pattern, sheet.text, re.IGNORECASE)
    if found is None:
        return None
    inside = [m for m in sheet.mentions if found.start() <= m.number_start < found.end()]
    if not inside:
        # A quantity the rules dismissed outright (3,8 kg/m², 2 kg·cm) reads as rejected.
        return [None] if QUANTITY.search(sheet.text, found.start(), found.end()) else None
    candidates = {c.mention.start: c for c in candidates_of(sheet)}
    best = best_of(list(candidates.values())) if candidates else None

    def reading(start: int) -> float | None:
        candidate = candidates.get(start)
        if candidate is None:
            return None
        if best and candidate.score == best.score and candidate.variant < best.variant:
            return None  # a variant beside the one the title or order line names
        return candidate.grams

    return [reading(m.start) for m in inside]
