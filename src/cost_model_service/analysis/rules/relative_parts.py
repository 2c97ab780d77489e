"""A weight per metre hung by a relative clause on a part of the article: "con una cadena
de acero templado de 5 mm, que pesa 0,55 kg por metro" on a hoist's sheet weighs the
chain, which the hoist carries, not the hoist."""

import re

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.lengths import SOLD_BY_LENGTH
from cost_model_service.analysis.rules.mentions import Mention
from cost_model_service.analysis.rules.parts import _THE_ARTICLE
from cost_model_service.analysis.rules.sheet import Sheet

_REACH = 300
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")
# "<antecedent>, que pesa", ", which weighs", ", qui pèse", ", che pesa", ", die ... wiegt".
_RELATIVE_CLAUSE = re.compile(
    r"(?P<antecedent>[^,;:()|]{3,80}),\s*(?:which|that|que|qui|lequel|laquelle|che|"
    r"il quale|la quale|el cual|la cual|der|die|das|welche[rs]?)\s+(?P<verb>[^\d,;]{0,25})$",
    re.IGNORECASE,
)
_ARTICLE = re.compile(
    r"(?<![^\W_])(?:a|an|the|its|un|une|una|uno|le|la|l'|el|il|lo|der|die|das|eine?[mnrs]?|"
    r"sa|son|su|sua|suo|seine?[mnrs]?)(?![^\W_])",
    re.IGNORECASE,
)
_NAME = re.compile(r"[^\W\d_]{4,}")
_STEM = 5


def hung_on_a_part(sheet: Sheet, mention: Mention) -> bool:
    """A per-metre weight whose relative clause hangs it on a noun that is not the head
    of the title, on a sheet not selling goods by length."""
    # Not "sold by the metre" (sheet.by_length also guesses it from a per-metre weight).
    if not mention.per_length or SOLD_BY_LENGTH.search(sheet.text) or sheet.piece_metres:
        return False
    low = max(0, mention.start - _REACH)
    before = sheet.text[low : mention.number_start]
    ends = list(_SENTENCE_END.finditer(before))
    sentence = " ".join(before[ends[-1].end() if ends else 0 :].split())
    clause = _RELATIVE_CLAUSE.search(sentence)
    after = sheet.text[mention.end : mention.end + 30]
    if clause is None or not (vocab.WEIGHT.search(clause["verb"]) or vocab.WEIGHT.search(after)):
        return False
    # The antecedent's head: "usa una cadena de acero" -> "cadena" (the first word of 4+
    # letters after its last article), against the title's first word.
    antecedent = _NAME.findall(_ARTICLE.split(clause["antecedent"])[-1])
    title = _NAME.findall(sheet.title)
    if not antecedent or not title or _THE_ARTICLE.match(antecedent[0]):
        return False
    return bool(antecedent[0].lower()[:_STEM] != title[0].lower()[:_STEM])
