"""A sheet listing the weight of several revisions and naming the current one
("aktuelle_revision: C" over "revisionen[1].rev: C", "Current revision: C" over a
"| Rev | Date | Weight |" table): the current revision's weight holds, the superseded
ones drop (issue 14, round V/U). A sibling of corrections.py, which reads "corrected from
X to Y" notes."""

import re
from dataclasses import replace

from cost_model_service.analysis.rules.scoring import Candidate
from cost_model_service.analysis.rules.sheet import Sheet
from cost_model_service.analysis.rules.tables import cells, column_of, header_of, line_bounds

_REV = r"(?:r[ée]v\w*|index|indice|version\w*|stand|[ée]dition|edici[óo]n|edizione|ausgabe)"
_NOW = (
    r"(?:current|latest|valid|aktuelle?|g[üu]ltige?|neueste?|actuelle?|en[ ]vigueur|vigente|"
    r"actual|attuale|corrente|in[ ]vigore|valida)"
)
# "aktuelle_revision: C", "Current revision | C", "Revisión vigente: C", "rev. en vigueur".
_POINTER = re.compile(
    rf"(?<![^\W_])(?:{_NOW}[ _.-]*{_REV}|{_REV}[ _.-]*{_NOW})[^\n:=|\w]{{0,3}}[:=|][ \t]*"
    r"(?P<rev>[^\W_][\w.-]{0,7})(?![\w.-])",
    re.IGNORECASE,
)
_ELEMENT = re.compile(r"[^\s:]*\[\d+\]\.")  # "revisionen[1]." of a flattened JSON
_REV_KEY = re.compile(rf"(?:{_REV})[ \t]*[:=][ \t]*(?P<rev>[^\s]+)", re.IGNORECASE)
_REV_HEAD = re.compile(rf"^(?:{_REV})\.?$", re.IGNORECASE)
_CONFIDENCE = 0.75  # picked by a pointer elsewhere on the sheet


def current_revision(sheet: Sheet, candidates: list[Candidate]) -> list[Candidate]:
    """Only the current revision's weights, when the sheet names it and states one."""
    pointer = _POINTER.search(sheet.text)
    if pointer is None:
        return candidates
    current = pointer.group("rev").lower()
    revs = [_revision_of(sheet.text, c.mention.start) for c in candidates]
    if current not in revs:
        return candidates  # the current revision states no weight: nothing to choose
    return [
        replace(c, confidence=min(c.confidence, _CONFIDENCE)) if rev else c
        for c, rev in zip(candidates, revs, strict=True)
        if rev in (None, current)
    ]


def _revision_of(text: str, pos: int) -> str | None:
    """The revision a weight belongs to: its JSON element's "rev" field, or its table
    row's cell under a "Rev" header."""
    start, end = line_bounds(text, pos)
    element = _ELEMENT.match(text, start)
    if element:
        prefix = re.escape(element.group(0))
        field = re.search(rf"^{prefix}{_REV_KEY.pattern}", text, re.IGNORECASE | re.MULTILINE)
        return field.group("rev").lower() if field else None
    header = header_of(text, pos)
    if header is None:
        return None
    row = cells(text[start:end])
    own = column_of(text[start:end], pos - start)
    for index, head in enumerate(header.cells):
        if index != own and index < len(row) and _REV_HEAD.match(head.strip()):
            return row[index].lower() or None
    return None
