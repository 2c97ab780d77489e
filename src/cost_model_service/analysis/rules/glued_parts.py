"""The second part of a compound mass glued to the first's unit: "2 lb8oz", "2lb 8oz", OCR's
"2 Ib8oz", "1kg200g". A number glued to letters is no quantity elsewhere ("M20", "IP67"),
so it is read only right after a pound or kilogram unit, where only its remainder (ounces,
grams) can follow."""

import re
from collections.abc import Iterator

from cost_model_service.analysis.rules.numbers import NUMBER

# The remainder's unit for each first unit (the pairs units.COMPOUND_PAIRS joins).
_REMAINDER = {
    "pound": r"oz|ounces?|onzas?",
    "kilogram": r"(?-i:g)|grams?|grammes?|gramm|gramos?|grammi",
}
_GLUED_NUMBER = NUMBER.replace(r"(?<![\w.])", "", 1)  # here a letter stands before it


def glued_remainder(text: str, unit: str, after: int) -> Iterator[tuple[str, str, int, int]]:
    """(number, unit spelling, start, end) of a remainder glued at `after`, the first unit's
    end: "8oz" of "2 Ib8oz"."""
    if unit not in _REMAINDER or after >= len(text) or not text[after].isdigit():
        return
    pattern = re.compile(
        rf"(?P<number>{_GLUED_NUMBER})[ \t]*(?P<unit>{_REMAINDER[unit]})(?![^\W\d_])",
        re.IGNORECASE,
    )
    match = pattern.match(text, after)
    if match:
        yield match["number"], match["unit"], match.start(), match.end()
