"""How many units each container holds, from statements anywhere in the sheet.

"Pieces per box | 500 | pcs", "Boxes per carton | 6", "carton of 50 pcs", "VPE: 100",
"10 szt. na palecie", "Roll length | 50 m": each statement links a container kind to a count
of pieces (or metres, for goods sold by length) or of smaller containers, so a "Gross
weight per carton" resolves to 6 x 500 units.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cost_model_service.analysis.rules import pack_forms as forms
from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.containers import GENERIC, LENGTH_KINDS, kind_of
from cost_model_service.analysis.rules.lengths import metres_of
from cost_model_service.analysis.rules.numbers import parse_number

_MAX_COUNT = 1_000_000


@dataclass(frozen=True)
class Statement:
    outer: str  # container kind
    count: float  # 0: it holds a measure (290 ml), not pieces
    inner: str | None = None  # container kind held; None: pieces (or metres)


def statements(text: str, decimal_comma: bool, by_length: bool) -> Iterator[Statement]:
    """The counts stated in a text, clause by clause; order quantities are not pack sizes."""
    lines = text.splitlines()[:2000]
    for line in (clause for text_line in lines for clause in forms.CLAUSE.split(text_line)):
        if vocab.NOT_PACK_CONTENT.search(line):
            continue
        found = False
        for form in forms.FORMS:
            read_to = 0  # a form's later match inside text an earlier one read
            for match in form.finditer(line):
                if match.start() < read_to:
                    continue
                statement, end = _statement(match, line, decimal_comma)
                if statement:
                    read_to = end
                    found = True
                    yield statement
                    # Blanked, so a later form does not read "Boxes per carton: 6" again
                    # as "carton ... 6" with the wrong container.
                    line = line[: match.start()] + " " * (end - match.start()) + line[end:]
        if not found and (measured := forms.MEASURED.search(line)):
            outer = kind_of(measured.group("outer"))
            if outer:
                yield Statement(outer, 0.0)  # holds 290 ml: one unit, no pieces
                continue
        if not found and (generic := forms.GENERIC_FORM.search(line)):
            count = _count(generic, line, decimal_comma)
            if count:
                yield Statement(GENERIC, count)
        if by_length:
            yield from _lengths(line, decimal_comma)


def _statement(
    match: re.Match[str], line: str, decimal_comma: bool
) -> tuple[Statement | None, int]:
    """The statement a form matched, and where the text it read ends."""
    outer = kind_of(match.group("outer"))
    count = _count(match, line, decimal_comma)
    if outer is None or count is None:
        return None, match.end()
    if "inner" in match.re.groupindex:  # "Boxes per carton", "6 boxes/carton"
        inner = match.group("inner")
    else:  # "Carton of 6 boxes"
        after = forms.INNER_AFTER.match(line, match.end())
        inner = after.group("inner") if after else None
        total = forms.TOTAL_AFTER.match(line, after.end()) if after else None
        if total and (pieces := _count(total, line, decimal_comma)):
            return Statement(outer, pieces), total.end()  # "Outer case: 10 boxes (500 discs)"
    inner_kind = kind_of(inner) if inner else None
    return Statement(outer, count, inner_kind if inner_kind != outer else None), match.end()


# Just before a count, it says the count is approximate: "approx. 190 rods per pack",
# "pack.rods_approx: 190", "ca. 50 Stück", "env. 40 baguettes", "~ 200 pcs".
_APPROX_WINDOW = 12


def _count(match: re.Match[str], line: str, decimal_comma: bool) -> float | None:
    if forms.NOT_A_COUNT.match(line, match.end("n")):
        return None
    before = line[max(0, match.start("n") - _APPROX_WINDOW) : match.start("n")]
    if vocab.APPROXIMATE.search(before) or "~" in before:
        return None  # an approximate count divides nothing: the pack is the unit
    value = parse_number(match.group("n"), decimal_comma)
    # Bounded: a pack of more than a million pieces is a code ("EAN (box) 4031234567891"),
    # and a weight divided or multiplied by it would be absurd.
    return value if 1 <= value <= _MAX_COUNT and value.is_integer() else None


def _lengths(line: str, decimal_comma: bool) -> Iterator[Statement]:
    for form in forms.LENGTH_FORMS:
        for match in form.finditer(line):
            outer = kind_of(match.group("outer"))
            if outer in LENGTH_KINDS:
                yield Statement(outer, metres_of(match, decimal_comma))


class Contents:
    """Units (pieces, or metres) per container kind, resolved through nested containers."""

    def __init__(
        self, found: Iterable[Statement], article_kinds: frozenset[str], by_length: bool = False
    ) -> None:
        self._direct: dict[str, tuple[float, str | None] | None] = {}
        for statement in found:
            value = (statement.count, statement.inner)
            known = self._direct.setdefault(statement.outer, value)
            if known is not None and known[0] == 1.0 and value[0] > 1:
                self._direct[statement.outer] = value  # "1 confezione" is the unit ordered
            elif known != value and value[0] != 1.0:
                self._direct[statement.outer] = None  # stated twice, differently: ambiguous
        self._article_kinds = article_kinds
        self._by_length = by_length

    def overridden(self, found: Iterable[Statement]) -> "Contents":
        """These contents, with the statements next to one weight taking precedence."""
        local = Contents(found, self._article_kinds, self._by_length)
        merged = Contents((), self._article_kinds, self._by_length)
        merged._direct = {**self._direct, **local._direct}
        return merged

    def units(self, kind: str | None) -> float | None:
        """Units in a container of this kind; a generic pack falls back on the only count."""
        if kind is not None and (count := self._resolve(kind, set())):
            return count
        if kind is None or kind == GENERIC:
            known = {self._resolve(k, set()) for k in self._direct} - {None}
            return known.pop() if len(known) == 1 else None
        return self._resolve(GENERIC, set())  # "Contents: 100 pcs" + "Carton weight"

    def units_of_article(self, kind: str) -> float | None:
        """Units in the container the article is (which `units` counts as one)."""
        entry = self._direct.get(kind)
        if entry is None:
            return None
        count, inner = entry
        inner_count = self._resolve(inner, {kind}) if inner else 1.0
        return count * inner_count if inner_count else None

    def knows(self, kind: str) -> bool:
        return self._direct.get(kind) is not None

    def _resolve(self, kind: str, seen: set[str]) -> float | None:
        if kind in self._article_kinds:
            return 1.0  # "Rolls per pallet: 36" when the roll is the article
        entry = self._direct.get(kind)
        if entry is None and kind in LENGTH_KINDS and seen and not self._by_length:
            # "carton de 36 rouleaux" of tape sold by the piece: a roll whose contents no
            # statement gives is the article wound on it, one unit.
            return 1.0
        if entry is None or kind in seen:
            return None
        count, inner = entry
        if inner is None:
            return count or 1.0  # a pack of 290 ml is one unit
        inner_count = self._resolve(inner, seen | {kind})
        return count * inner_count if inner_count else None
