"""The term of a run-on line that labels a mass: "Capacité : 20 l - Poids à vide : 4,1 kg",
"max torque 180 N·m, net weight (bare tool) 1.45 kg", "forza di serraggio 55 kN. Massa
del mandrino: 18 kg". A label reaches back to the line start (or the previous mass); the
terms before its weight word that state values of their own are other statements."""

import re

from cost_model_service.analysis.rules import vocab

# Where one term ends and the next begins: a semicolon, a comma, a spaced dash, a full stop.
_TERM_END = re.compile(r";\s*|,\s+|\s[-\u2013\u2014]\s+|\.\s+")
# Between sentences only: "Cassa in alluminio. ... ha una massa di 9,6 kg" (a container
# named in another sentence), while "Carton 40 x 30 cm, weight 5 kg" weighs the carton.
_SENTENCE_END = re.compile(r";\s*|\.\s+(?=[A-ZÀ-ÖØ-Þ])")
_DIGIT = re.compile(r"\d")
# "weight of the FP-15", "Gewicht des Schützes", "poids du", "peso del", "massa della".
_OF = re.compile(
    r"\s+(?:of|des|der|du|de la|de l'|de|del|della|dello|dell'|di|dla)\s+\S", re.IGNORECASE
)


def own_term(label: str, sentences: bool = False) -> str:
    """The label from the start of the term its last weight word stands in. A term cut off
    before it states a value of its own ("Capacité : 20 l", "max torque 180 N·m"), or ends
    at a semicolon ("(ohne Block; Block HB11 wiegt"); a term without a number may qualify
    the weight ("Max. Gewicht", "Rated load, weight") and stays. With `sentences`, only
    sentences and semicolons end a term (what a container word may label)."""
    weights = list(vocab.WEIGHT.finditer(label))
    if not weights:
        return label
    cut = 0
    ends = _SENTENCE_END if sentences else _TERM_END
    for end in ends.finditer(label, 0, weights[-1].start()):
        if end.group().startswith(";") or _DIGIT.search(label, cut, end.start()):
            cut = end.end()
    return label[cut:]


def weighed_from(label: str) -> str:
    """The label from its last weight word when that names what it weighs ("we brought the
    weight of the FP-15 down to"): a container named before it ("a welded box frame") is
    not what is weighed. Otherwise the whole label."""
    weights = list(vocab.WEIGHT.finditer(label))
    if weights and _OF.match(label, weights[-1].end()):
        return label[weights[-1].start() :]
    return label
