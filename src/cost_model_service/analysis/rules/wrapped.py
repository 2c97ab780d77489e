"""A quantity wrapped at its line end: the number closes one line, its unit opens the next
("Gewicht netto ........ 3,75" over "kg", "masse linéique 2,01" over "kg/m, pression")."""

import re
from collections.abc import Iterator

from cost_model_service.analysis.rules.numbers import NUMBER
from cost_model_service.analysis.rules.units import MASS_UNIT

# Only written-out units: a lone "g" or "t" opening a line is more often a list letter or
# a word's remnant ("g) Zubehör") than a wrapped unit. No cell bar on either side: a table
# row ending in a number and the next row opening with a unit are two cells, not one.
WRAPPED_QUANTITY = re.compile(
    rf"(?P<number>{NUMBER})[ \t]*\n[ \t]*(?!(?-i:[gt])(?![^\W\d_]))"
    rf"(?P<unit>{MASS_UNIT})(?![^\W\d_])",
    re.IGNORECASE,
)


def wrapped_quantities(text: str) -> Iterator[re.Match[str]]:
    """Quantities whose unit was wrapped onto the next line, outside table rows."""
    for match in WRAPPED_QUANTITY.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        if "|" not in text[line_start : len(text) if line_end < 0 else line_end]:
            yield match
