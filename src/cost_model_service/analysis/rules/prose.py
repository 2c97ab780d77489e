"""Weights stated in running prose: "With 1.35 kg the TL-40 is 400 g lighter than its
predecessor, which weighed 1.75 kg". A mass there may be the article's, a difference, or
another model's; the sentence, not a label, says which."""

import re

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.context import Context
from cost_model_service.analysis.rules.mentions import Mention
from cost_model_service.analysis.rules.parts import ACCESSORY
from cost_model_service.analysis.rules.tables import line_bounds

# Another model than the ordered one: "the previous model OP-25", "Vorgängermodell", "ersetzt".
PREDECESSOR = vocab._words(
    r"predecessor", r"previous", r"former\b", r"old(?:er)? (?:model|version|type)",
    r"replac(?:es|ed)\b", r"earlier\b",
    r"superseded", r"vorg[äa]nger\w*", r"bisherig\w*", r"ersetzt\b", r"alte[nrs]? (?:modell|typ)",
    r"pr[ée]c[ée]dent\w*", r"ancien\w*", r"remplac(?:e|ée?s?|ent)\b", r"anterior\w*",
    r"antigu[oa]", r"reemplaz(?:a|ó)\b", r"sustituye\b", r"precedent\w*", r"vecchi[oa]",
    r"sostituisce\b",
    r"poprzedni\w*", r"voorganger\w*", r"vorig\w*",
)  # fmt: skip
# A difference of weights right after the quantity: "400 g lighter", "2 kg de moins".
_DIFFERENCE = re.compile(
    r"\s*(?:[^\W\d_]+\s+)?(?:lighter|heavier|less\b|more\b|leichter|schwerer|weniger|mehr\b|"
    r"de moins|de plus|plus l[ée]ger|plus lourd|menos\b|m[áa]s\b|in meno|in pi[ùu]|"
    r"pi[ùu] legger|pi[ùu] pesant|l[żz]ejsz|ci[ęe][żz]sz|mniej|lichter|zwaarder)",
    re.IGNORECASE,
)
# Words that make a sentence about the article's weight, besides the weight words.
_WEIGHS_AS_WELL = vocab._words(
    r"light(?:er|est)", r"heav(?:ier|iest)", r"leichte(?:r|st\w*)", r"schwere(?:r|st\w*)",
    r"waage", r"tip(?:s|ped)? the scales", r"plus l[ée]g[eè]re?",
    r"plus lourde?", r"m[áa]s liger[oa]", r"m[áa]s pesad[oa]", r"pi[ùu] legger[oa]",
    r"pi[ùu] pesante",
)  # fmt: skip
# A comparison between the mass and the predecessor named after it.
_THAN = vocab._words(
    r"than\b", r"als\b", r"que\b", r"di\b", r"del(?:la)?\b", r"rispetto", r"ni[żz]\b",
    r"dan\b",
)  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")
# A sentence ends before a capital ("... précédente. Pour une masse"), not after an
# abbreviation ("incl. risers").
_CLAUSE_START = re.compile(r".*(?:[.!?]\s+(?=[A-ZÀ-ÖØ-Þ])|;\s|\n\s*\n)", re.DOTALL)
_LEADERS = re.compile(r"\.{4,}|…{2,}")  # "Calibration ........ external, 2 kg weight"
_REACH = 400


def clause_of(label: str) -> str:
    """The label from its sentence's start: a wrapped line above belongs to another one."""
    return _CLAUSE_START.sub("", label)


def another_models(ctx: Context) -> bool:
    """The mass is another model's or a difference: named in its own clause after the last
    weight word ("than the previous model OP-25, at 400 g", but not "replaces the TT-10 and
    weighs 195 g"), right after it ("450 g pour l'ancien F-10"), or "400 g lighter"."""
    own_clause = clause_of(ctx.label)  # "Replaces X. Weight: 2 kg" is the article
    named = list(PREDECESSOR.finditer(own_clause))
    weighs = list(vocab.WEIGHT.finditer(own_clause))
    before = bool(named) and (not weighs or named[-1].start() > weighs[-1].start())
    after = ctx.after
    named_after = PREDECESSOR.search(after)
    if named_after and _THAN.search(after, 0, named_after.start()):
        named_after = None  # "4,8 kg ist sie leichter als ihre Vorgängerin": the article's
    return before or bool(named_after or _DIFFERENCE.match(after))


def in_a_weight_sentence(text: str, mention: Mention) -> bool:
    """The mass stands in a prose sentence about weight ("Con solo 320 g, las OP-28 pesan
    un 20 % menos...") or one comparing it with a predecessor's; table rows are no prose."""
    low = max(0, mention.start - _REACH)
    before = text[low : mention.start]
    ends = list(_SENTENCE_END.finditer(before))
    start = low + ends[-1].end() if ends else low
    after = _SENTENCE_END.search(text, mention.end, mention.end + _REACH)
    end = after.start() if after else min(len(text), mention.end + _REACH)
    sentence = text[start:end]
    line_start, line_end = line_bounds(text, mention.start)
    if "|" in sentence or _LEADERS.search(text, line_start, line_end) or ACCESSORY.search(sentence):
        return False  # a table row or "Key ....... value" line; an optional part's weight
    return bool(
        vocab.WEIGHT.search(sentence)
        or _WEIGHS_AS_WELL.search(sentence)
        or PREDECESSOR.search(sentence)
    )
