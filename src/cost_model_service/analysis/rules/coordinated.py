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
_NAME = re.compile(r"[^\W\d_]{4,}")
_STEM = 5


def another_subject(title: str, ctx: Context) -> bool:
    """The label since the mass before is "and <a thing>": the verb weighs that thing. It
    is the article only when the title names it."""
    match = _COORDINATED.match(ctx.label)
    if match is None or vocab.WEIGHT.search(match.group("subject")):
        return False  # "and 1.5 kg", "and weighs 1.5 kg": the same subject
    subject = {word.lower()[:_STEM] for word in _NAME.findall(match.group("subject"))}
    titled = {word.lower()[:_STEM] for word in _NAME.findall(title)}
    return bool(subject) and not subject & titled
