"""Weights stated in running prose: "With 1.35 kg the TL-40 is 400 g lighter than its
predecessor, which weighed 1.75 kg". A mass there may be the article's, a difference, or
another model's; the sentence, not a label, says which."""

import re

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.context import Context
from cost_model_service.analysis.rules.mentions import Mention
from cost_model_service.analysis.rules.parts import ACCESSORY
from cost_model_service.analysis.rules.tables import line_bounds

# "the (other) model", "das größere Modell", "le modèle 76 mm", "la versione base".
_A_MODEL = (
    r"(?:(?:the|a|an|das|dem|den|der|ein\w*|le|la|l'|un|une|el|al|au|il|lo|uno|una)\s*)?"
    r"(?:[^\W\d_]+\s+)?(?:models?|modell\w*|mod[èe]les?|modelos?|modell[oi]|versions?|"
    r"versione|versi[óo]n|variant\w*|types?|typs?|tipos?)\b"
)
# Another model than the ordered one: "the previous model OP-25", "Vorgängermodell", "ersetzt".
PREDECESSOR = vocab._words(
    r"predecessor", r"previous", r"former\b", r"old(?:er)? (?:model|version|type)",
    r"replac(?:es|ed)\b", r"earlier\b",
    r"superseded", r"vorg[äa]nger\w*", r"bisherig\w*", r"ersetzt\b", r"alte[nrs]? (?:modell|typ)",
    r"pr[ée]c[ée]dent\w*", r"ancien\w*", r"remplac(?:e|ée?s?|ent)\b", r"anterior\w*",
    r"antigu[oa]", r"reemplaz(?:a|ó)\b", r"sustituye\b", r"precedent\w*", r"vecchi[oa]",
    r"sostituisce\b", r"devanci[eè]re?s?\b", r"predecesor\w*",
    r"poprzedni\w*", r"voorganger\w*", r"vorig\w*",
    # A competitor's product: "the competing model", "Wettbewerber", "modello concorrente".
    r"competitor\w*", r"competing\b", r"rival\w*", r"wettbewerb\w*", r"mitbewerber\w*",
    r"konkurren\w*", r"concurren\w*", r"competidor\w*", r"competencia\b", r"concorren\w*",
    # A sibling of the same range: "the 76 mm model of the same range", "gleichen Baureihe".
    r"same (?:range|series|family|line)\b", r"gleichen (?:bau)?(?:reihe|serie|familie)\b",
    r"m[êe]me (?:gamme|s[ée]rie|famille)\b", r"misma (?:gama|serie|familia)\b",
    r"stessa (?:gamma|serie|famiglia)\b",
    # "lighter than the 76 mm model": a comparison with a model names another one.
    rf"(?:than|als|que|di|rispetto a\w*|compared (?:with|to)|im vergleich zu\w*|"
    rf"par rapport (?:à|au)|comparad[oa] con|comparat[oa] con)\s+{_A_MODEL}",
)  # fmt: skip
# The verbs among them: "replaces the TT-10 and weighs 195 g" is the article's weight.
_REPLACES = vocab._words(
    r"replac",
    r"superseded",
    r"ersetzt",
    r"remplac",
    r"reemplaz",
    r"sustituye",
    r"sostituisce",
)
# The article replacing another, in the active: "9,6 kg e sostituisce il vecchio MRV-49".
_REPLACES_ACTIVE = vocab._words(
    r"replaces\b", r"supersedes\b", r"ersetzt\b(?!\s+(?:durch|von)\b)", r"remplace\b",
    r"reemplaza\b", r"sustituye\b", r"sostituisce\b",
)  # fmt: skip
# A relative clause hangs a weight on the noun before it: "the rival model, which weighs".
_RELATIVE = vocab._words(
    r"which\b", r"that\b", r"who\b", r"der\b", r"die\b", r"das\b", r"welche[rs]?\b",
    r"qui\b", r"que\b", r"lequel\b", r"laquelle\b", r"el cual\b", r"la cual\b", r"che\b",
    r"il quale\b", r"la quale\b",
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
    r"waage\b", r"tip(?:s|ped)? the scales", r"plus l[ée]g[eè]re?",
    r"plus lourde?", r"m[áa]s liger[oa]", r"m[áa]s pesad[oa]", r"pi[ùu] legger[oa]",
    r"pi[ùu] pesante",
    # On the scales, and weighed: "weighed the unit", "wog", "pesait", "pesaba", "pesava".
    r"on the scales?\b", r"sur la balance\b", r"en la (?:b[áa]scula|balanza)\b",
    r"sulla bilancia\b", r"weighed\b", r"gewogen\b", r"wog\b", r"pes[ée]e?s?\b",
    r"pesait\b", r"pesaba\b", r"pes[óò]\b", r"pesava\b", r"pesad[oa]s?\b",
    r"pesat[oa]\b",
)  # fmt: skip
# A "Key: value" line (a list item, a JSON path): its own statement, not prose wrapped on.
_KEY_VALUE_LINE = re.compile(r"[ \t]*(?:[-*•][ \t]*)?[^\W\d][^:|\n]{0,40}:[ \t]")
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
    if named and weighs and not before and not _REPLACES.match(named[-1].group()):
        # The other model is the subject of the weight word: "the predecessor weighed
        # 620 g", "il modello concorrente, che pesa 140 g" (a relative clause), but not
        # "Compared with the predecessor, the X weighs 400 g".
        between = own_clause[named[-1].end() : weighs[-1].start()]
        last = between.rpartition(",")[2]
        before = "," not in between or bool(_RELATIVE.match(last.strip()))
    after = ctx.after
    named_after = PREDECESSOR.search(after)
    if named_after and _REPLACES_ACTIVE.match(after, named_after.start()):
        named_after = None  # "ha una massa di 9,6 kg e sostituisce il vecchio MRV-49"
    if named_after and _THAN.search(after, 0, named_after.start()):
        named_after = None  # "4,8 kg ist sie leichter als ihre Vorgängerin": the article's
    if named_after and _WEIGHS_AS_WELL.search(after, named_after.end()):
        named_after = None  # "380 g auf die Waage - das Vorgängermodell wog noch 620 g"
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
    line_start, line_end = line_bounds(text, mention.start)
    if _KEY_VALUE_LINE.match(text, line_start, line_end):
        # "Core: 76 mm cardboard, 28 g" ends at its line; a long value may hold sentences.
        start, end = max(start, line_start), min(end, line_end)
    # Prose wraps anywhere: "plus\nléger" is "plus léger".
    sentence = " ".join(text[start:end].split())
    if "|" in sentence or _LEADERS.search(text, line_start, line_end) or ACCESSORY.search(sentence):
        return False  # a table row or "Key ....... value" line; an optional part's weight
    return bool(
        vocab.WEIGHT.search(sentence)
        or _WEIGHS_AS_WELL.search(sentence)
        or PREDECESSOR.search(sentence)
    )
