"""A mass in brackets after another model's name: "La PS 400 sostituisce il modello PS 350
(peso 12,8 kg)", "cuatro kilos menos que su predecesor PE-500 clásico (42 kg)". The
bracket describes the noun before it, the older or rival model, whatever verb came first."""

import re

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.mentions import Mention
from cost_model_service.analysis.rules.prose import PREDECESSOR

_REACH = 300
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")
_NAME_GAP = 40  # "il modello PS 350 ", "su predecesor PE-500 clásico "


def bracketed_other_model(text: str, mention: Mention) -> bool:
    """The mass stands in an open bracket right after a predecessor or rival named in its
    sentence, with no weight word of the article between them."""
    low = max(0, mention.start - _REACH)
    before = text[low : mention.number_start]
    ends = list(_SENTENCE_END.finditer(before))
    sentence = " ".join(before[ends[-1].end() if ends else 0 :].split())
    opened = sentence.rfind("(")
    if opened < 0 or ")" in sentence[opened:] or "|" in sentence:
        return False  # not in a bracket, or a table row
    named = list(PREDECESSOR.finditer(sentence, 0, opened))
    if not named:
        return False
    gap = sentence[named[-1].end() : opened]
    # "replaces the PS 350, weighs (net) 11,4 kg": the bracket hangs on the article's verb.
    return len(gap) <= _NAME_GAP and "," not in gap and not vocab.WEIGHT.search(gap)
