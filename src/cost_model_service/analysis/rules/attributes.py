"""A variant named by an attribute and its value, as the title or order line writes them:
"taglia 10", "Größe M", "Ausführung: Edelstahl", "stroke 100 mm" name the row whose cell
under the header "Taglia", "Größe", "Ausführung", "Stroke" holds that value."""

import re

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.mentions import Mention
from cost_model_service.analysis.rules.tables import cells, column_of, header_of, line_bounds

_MAX_VALUE = 24  # a cell's value, not a description
_NAME = re.compile(r"[^\W\d_]{3,}")  # the header's first word: "Größe" of "Größe (EU)"


def named_attributes(title: str, text: str, mention: Mention) -> int:
    """How many cells of the mention's row the title names with their column's header."""
    start, end = line_bounds(text, mention.start)
    line = text[start:end]
    header = header_of(text, mention.start) if "|" in line else None
    if header is None:
        return 0
    own = column_of(line, mention.start - start)
    named = 0
    for index, (value, head) in enumerate(zip(cells(line), header.cells, strict=False)):
        name = _NAME.search(head)
        if index == own or not name or not value or len(value) > _MAX_VALUE:
            continue
        if vocab.WEIGHT.search(head):
            continue  # a weight names no variant
        pattern = (
            rf"(?<![^\W_]){re.escape(name.group(0))}[\s:=.]{{0,3}}{re.escape(value)}(?![^\W_])"
        )
        named += bool(re.search(pattern, title, re.IGNORECASE))
    return named
