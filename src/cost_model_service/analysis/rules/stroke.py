"""A weight given as a base plus an increment per stroke length, for the stroke ordered:
"weight at 0 mm stroke 1.62 kg", "+ 0.028 kg per 10 mm of stroke", "stroke 100 mm" in the
title or order line -> 1.62 + 0.028 x 100 / 10 = 1.90 kg (a derived value)."""

import re

from cost_model_service.analysis.rules.context import context_of
from cost_model_service.analysis.rules.mentions import Mention
from cost_model_service.analysis.rules.scoring import Candidate
from cost_model_service.analysis.rules.sheet import Sheet
from cost_model_service.analysis.rules.tables import line_bounds

# The stroke in de en es fr it; OCR glues words ("carrera50mm"), so gaps are optional.
_STROKE = r"(?:stroke|hub|course|carrera|corsa)"
_INCREMENT = re.compile(
    rf"(?:per|pro|je|par|por|ogni|each|every)[\s.]*(?:cada[\s.]*)?(?P<step>\d+)[\s.]*mm"
    rf"[\s.]*(?:of|de|di|d')?[\s.]*{_STROKE}",
    re.IGNORECASE,
)
_BASE = re.compile(
    rf"(?:bas(?:e|ic|is)|grund)|{_STROKE}[\s.=:]*0(?![\d.,])|(?<![\d.,])0[\s.]*mm[\s.]*"
    rf"(?:of|de|di)?[\s.]*{_STROKE}",
    re.IGNORECASE,
)
_ORDERED = re.compile(
    rf"{_STROKE}[\s.:=]*(?P<a>\d+)[\s.]*(?:mm)?(?![\d.,\-\u2013\u2026])"
    rf"|(?<![\d.,])(?P<b>\d+)[\s.]*mm[\s.]*(?:of|de|di)?[\s.]*{_STROKE}",
    re.IGNORECASE,
)
_DERIVED = 0.7  # below the 0.8 of a stated weight
_SCORE = 93.0  # above the plain weight it is derived from (90)


def with_stroke(sheet: Sheet, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates, with base and increment replaced by the ordered stroke's weight
    when the sheet gives both and the title or an order line names the stroke. Their
    labels need no weight word: an OCR'd "Pesobase(carrera0)" is read by its stroke."""
    ordered = _ordered_stroke(sheet.title_text)
    if not ordered:
        return candidates
    base: Mention | None = None
    increment: tuple[Mention, int] | None = None
    for mention in sheet.mentions:
        ctx = context_of(sheet.text, mention, sheet.mentions)
        start, end = line_bounds(sheet.text, mention.start)
        label = f"{ctx.label} {ctx.header} {sheet.text[start:end]}"
        per = _INCREMENT.search(label)
        if per and increment is None:
            increment = (mention, int(per["step"]))
        elif _BASE.search(label) and base is None:
            base = mention
    if base is None or increment is None or increment[1] <= 0:
        return candidates
    inc, step = increment
    per_mm = inc.grams / 1000 if inc.per_length else inc.grams / step
    ctx = context_of(sheet.text, base, sheet.mentions)
    derived = Candidate(base.grams + per_mm * ordered, _SCORE, _DERIVED, base, ctx)
    return [c for c in candidates if c.mention not in (base, inc)] + [derived]


def _ordered_stroke(title: str) -> float | None:
    for match in _ORDERED.finditer(title):
        value = int(match["a"] or match["b"])
        if value > 0:
            return value
    return None
