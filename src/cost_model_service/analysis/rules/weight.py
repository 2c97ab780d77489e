"""The unit weight of the article: every mass quantity is scored by its label, best wins."""

import math
import re
from dataclasses import replace

from cost_model_service.analysis.base import WeightResult
from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.attributes import named_attributes
from cost_model_service.analysis.rules.derived import derived
from cost_model_service.analysis.rules.scoring import Candidate, assess
from cost_model_service.analysis.rules.sheet import Sheet
from cost_model_service.analysis.rules.stages import by_stage
from cost_model_service.analysis.rules.stroke import with_stroke
from cost_model_service.analysis.rules.tables import previous_line
from cost_model_service.analysis.rules.variants import named_key, row_tokens, variant_strength

METHOD = "rules"
_MAX_EVIDENCE = 300
_COUNT_LINES = 3
_CODE = 10  # variant strength of a shared order code (variants.variant_strength)
_SAME_KIND = 10  # score gap within one kind of statement (net 100, plain 90, gross 60)


def find_unit_weight(text: str) -> WeightResult:
    """The weight of one unit in grams, or grams=None when the sheet states none.

    Confidence: about 0.85-0.9 for an explicit net/unit weight line, 0.75-0.8 for a weight
    per metre, per N pieces or a variant picked by the title, about 0.6 for a gross weight
    or a net pack weight, 0.45 for a gross pack weight divided by the units it holds, lower
    when several equally good statements disagree.
    """
    if not text.strip():
        return WeightResult(grams=None, method=METHOD)
    sheet = Sheet.read(text)
    candidates = candidates_of(sheet)
    if not candidates:
        return WeightResult(grams=None, method=METHOD)

    best = best_of(candidates)
    rivals = [
        c
        for c in candidates
        if (c.score, c.variant) == (best.score, best.variant)
        and not math.isclose(c.grams, best.grams, rel_tol=0.005)
    ]
    confidence = best.confidence * (0.6 if rivals else 1.0)  # equally good, different values
    if best.variant and any(c.score >= best.score and c.variant < best.variant for c in candidates):
        confidence = min(confidence, 0.75)  # chosen among variants by the title
    end = best.mention.end + len(best.context.after.rstrip())  # "... 5.2 kg/1000 pcs"
    start = _count_line(text, best) if best.divisor else best.context.evidence_start
    start = max(start, end - _MAX_EVIDENCE)
    return WeightResult(
        grams=round(best.grams, 6),
        method=METHOD,
        evidence=text[start:end].strip(),
        confidence=round(max(0.05, min(confidence, 0.95)), 2),
    )


def candidates_of(sheet: Sheet) -> list[Candidate]:
    """Every mass mention the rules read as a unit weight, with its variant strength."""
    candidates, keys = [], []
    for mention in sheet.mentions:
        candidate = assess(sheet, mention)
        if candidate and candidate.grams > 0:
            variant = variant_strength(sheet.title_tokens & row_tokens(sheet.text, mention))
            variant += _CODE * named_attributes(sheet.title_text, sheet.text, mention)
            candidates.append(replace(candidate, variant=variant))
            keys.append(named_key(sheet.title_text, sheet.text, mention))
    # A row or column key the title names ("Ausführung Edelstahl") picks it, when it is
    # the only key so named; between an order code (10) and a bare number (1).
    if len(set(keys) - {None}) == 1:
        candidates = [
            replace(c, variant=c.variant + 5) if key else c
            for c, key in zip(candidates, keys, strict=True)
        ]
    # A weight per metre times the piece length, in the row the order line names by its
    # code ("2 x rail LGR-25-R, L = 1200 mm"), is the ordered piece's: it beats a plain
    # weight of another component the order does not name (a stated total still wins).
    candidates = [
        replace(c, score=c.score + 6)
        if c.variant >= 10 and c.mention.per_length and sheet.piece_metres
        else c
        for c in candidates
    ]
    candidates = by_stage(candidates)  # the machined part, not its raw casting
    candidates = derived(sheet, candidates)  # corrected, divided, net of tare, summed
    return with_stroke(sheet, candidates)  # "1.62 kg + 0.028 kg per 10 mm", stroke 100


def best_of(candidates: list[Candidate]) -> Candidate:
    best = max(candidates, key=lambda c: (c.score, c.variant, -c.mention.start))
    # The row an order code names beats a sibling row scored a little higher: the score
    # gap then comes from incidental words in other cells ("1 + 1 per folders" read as
    # "per ..."), while the code says which row was ordered. A stated total is no
    # sibling: it weighs what the rows make up.
    named = max(candidates, key=lambda c: (c.variant, c.score, -c.mention.start))
    total = vocab.TOTAL.search(best.context.words)
    if named.variant >= _CODE and named.variant > best.variant and not total:
        if named.score >= best.score - _SAME_KIND:
            return named
    return best


def _count_line(text: str, best: Candidate) -> int:
    """Where the evidence of a divided weight starts: at the count it was divided by when
    that stands on one of the few lines above ("Cartone | 50 pezzi" over "Peso lordo |
    7,5 kg / cartone"), so the snippet shows both numbers."""
    start = best.context.evidence_start
    count = f"{best.divisor:g}"
    if re.search(rf"(?<![\d.,]){count}(?![\d.,])", text[start : best.mention.start]):
        return start  # already in the snippet
    line_start = start
    for _ in range(_COUNT_LINES):
        line_start, line = previous_line(text, line_start)
        if re.search(rf"(?<![\d.,]){count}(?![\d.,])", line):
            return line_start
    return start
