"""The words around one mass mention: its label, its column header, what follows it."""

import bisect
import re
from dataclasses import dataclass

from cost_model_service.analysis.rules.aligned import aligned_header
from cost_model_service.analysis.rules.glued import unglue
from cost_model_service.analysis.rules.lists import list_heading
from cost_model_service.analysis.rules.mentions import Mention
from cost_model_service.analysis.rules.tables import (
    header_cell,
    line_bounds,
    previous_line,
)
from cost_model_service.analysis.rules.terms import own_term

_LETTER = re.compile(r"[^\W\d_]")
_CLAUSE_END = re.compile(r"[(,;|]|\.\s")
# Key/value pairs run together in one cell (a nested table or definition list flattened,
# "Hubgeschw.: 2 m/min; Eigengew.: 24 kg"): the last "; key:" before the value is its label.
_LAST_TERM = re.compile(r"(;[ \t]*[^\W\d_][^;|:=]*[:=][ \t]*)$")  # "; " kept: a new term


@dataclass(frozen=True)
class Context:
    label: str  # text before the number, back to the previous quantity or the line start
    line_label: str  # the line's text before its first quantity
    header: str  # the column header when the mention sits in a table
    after: str  # the rest of the clause after the quantity
    after_line: str  # the rest of the line after the quantity
    evidence_start: int  # where the evidence snippet starts

    @property
    def words(self) -> str:
        return f"{self.label} {self.header}"

    @property
    def term_words(self) -> str:
        """The words of the label's own term ("Poids à vide" of "Capacité : 20 l - Poids à
        vide :") and the header."""
        return f"{own_term(self.label)} {self.header}"


def context_of(text: str, mention: Mention, mentions: list[Mention]) -> Context:
    start, end = line_bounds(text, mention.start)
    first = bisect.bisect_left(mentions, start, key=lambda m: m.start)
    last = bisect.bisect_left(mentions, end, key=lambda m: m.start)
    same_line = mentions[first:last]
    before = [m for m in same_line if m.end <= mention.start]
    after = [m for m in same_line if m.start >= mention.end]
    label_start = before[-1].end if before else start
    label = text[label_start : mention.number_start]
    evidence_start = start
    if "|" not in text[start:end] and not _LETTER.search(text[start : mention.number_start]):
        # The value opens its line: the label is the line above (PDF text runs, OCR).
        # Table rows are left alone: their label is the column header.
        evidence_start, above = previous_line(text, start)
        label = f"{above} {label}"
    elif not before and _wrapped(text, start, mention.number_start):
        # Prose wrapped just before the value ("... elle ne pèse\nque 640 g"): the
        # sentence's start is on the line above.
        evidence_start, above = previous_line(text, start)
        label = f"{above} {label}"
    line_label = text[start : same_line[0].number_start] if same_line else ""
    if before and "|" in label and not _LETTER.search(label):
        # A later cell of a table row: "Weight with brake | 1.4 kg | 1.7 kg" labels both.
        label = f"{line_label}{label}"
    term = _LAST_TERM.search(label)
    if term:  # "Hubgeschw.: 2 m/min; Eigengew.: 24 kg": only its own key labels it
        label = term.group(1)
    rest = text[mention.end : after[0].start if after else end]
    clause = _CLAUSE_END.search(rest)
    header = (
        header_cell(text, mention.start)
        or aligned_header(text, mention.start)
        or list_heading(text, mention.start)
    )
    return Context(
        label=unglue(label),  # OCR: "Pesobrutocaja" read as "Peso bruto caja"
        line_label=unglue(line_label),
        header=unglue(header),
        after=rest[: clause.start()] if clause else rest,
        after_line=rest[:60],
        evidence_start=evidence_start,
    )


def _wrapped(text: str, start: int, number_start: int) -> bool:
    """The line opens with a few words of a sentence continued from the line above."""
    head = text[start:number_start]
    if "|" in head or ":" in head or len(head.split()) > 2 or not head.strip()[:1].islower():
        return False  # "Peso neto   4,3 kg" is a label of its own
    _, above = previous_line(text, start)
    return "|" not in above and above.rstrip()[-1:].isalpha()


def title_line(text: str) -> str:
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return text[start : len(text) if end < 0 else end]
