"""A mass coordinated after another one in a sentence, with its own subject: "the filter
weighs 0,7 kg and the remote console 0,2 kg" weighs the console, not the article."""

import re

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.context import Context

# "and the remote console", "et la console déportée", "und das Bediengerät", "y el mando".
_COORDINATED = re.compile(
    r"\s*,?\s*(?:and|et|und|y|e|ed|i|en|sowie|as well as|ainsi que|as[íi] como)\s+"
    r"(?:(?:the|its|la|le|les|l'|sa|son|die|der|das|sein\w*|el|los|las|su|il|lo|gli|i)\s*)?"
    r"(?P<subject>[^\W\d_][^\d|:;()]{2,40}?)\s*$",
    re.IGNORECASE,
)
# Words that weigh the article again, in another state: not another subject.
_SAME_THING = (vocab.WEIGHT, vocab.NET, vocab.GROSS, vocab.UNIT, vocab.TOTAL,
               vocab.WITH_EXTRAS, vocab.WITHOUT_EXTRAS, vocab.APPROXIMATE)  # fmt: skip
_NAME = re.compile(r"[^\W\d_]{4,}")
_STEM = 5


def another_subject(title: str, ctx: Context) -> bool:
    """The label since the mass before is "and <a thing>": the verb weighs that thing. It
    is the article only when the title names it."""
    match = _COORDINATED.match(ctx.label)
    said = match.group("subject") if match else ""
    if not said or any(words.search(said) for words in _SAME_THING):
        return False  # "and weighs 1.5 kg", "and with brake 5.5 kg", "and gross 2.5 kg"
    subject = {word.lower()[:_STEM] for word in _NAME.findall(said)}
    titled = {word.lower()[:_STEM] for word in _NAME.findall(title)}
    return bool(subject) and not subject & titled


# "... pesa 0,6 kg y ya está contenido en el peso indicado", "and is included in the total
# weight", "und ist im Gesamtgewicht enthalten": a part's weight, counted in the article's.
_AND_IT = re.compile(
    r"\s*,?\s*(?:and|y|e|ed|et|und|which|que|qui|che|der|die|das)\b", re.IGNORECASE
)
_INCLUDED = vocab._words(
    r"included\b", r"contained\b", r"incluid[oa]s?\b", r"contenid[oa]s?\b", r"inclus[e]?s?\b",
    r"compris[e]?s?\b", r"compres[oaie]\b", r"inclus[oaie]\b", r"contenut[oaie]\b",
    r"enthalten\b", r"inbegriffen\b", r"ber[üu]cksichtigt\b",
)  # fmt: skip
_CLAUSE_END = re.compile(r"[.;!?(|](?:\s|$)|\n\s*\n")
_NEGATED = vocab._words(r"not\b", r"no\b", r"non\b", r"nicht\b", r"pas\b", r"ne\b")


def counted_in_the_weight(text: str, end: int) -> bool:
    """The clause after the mass (which prose may wrap onto the next line) says it is
    already counted in the (stated) weight."""
    said = " ".join(_CLAUSE_END.split(text[end : end + 120], maxsplit=1)[0].split())
    if not _AND_IT.match(said):
        return False
    included = _INCLUDED.search(said)
    return bool(included and vocab.WEIGHT.search(said) and not _NEGATED.search(said))
