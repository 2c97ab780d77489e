"""An erratum note correcting a printed weight without "from X to Y": "* Erratum: the
weight printed for HGM-37 is a typing error and should read 7.9 kg", "¹ Berichtigung: das
Gewicht muss richtig 7,9 kg lauten", "* Fe de erratas: el peso debe leerse 7,9 kg". The old
value is the weight the note's footnote mark flags ("Weight | 9.4 kg *"), or the sheet's
only other weight. Feeds corrections.corrections (issue 14, round T/S)."""

import math
import re

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.mentions import Mention
from cost_model_service.analysis.rules.sheet import Sheet

# An erratum word, in de en es fr it.
_ERRATUM = vocab._words(
    r"errat(?:um|a)\b", r"corrigend(?:um|a)\b", r"berichtigung", r"druckfehler",
    r"fe de erratas", r"errata corrige", r"erreur", r"typing error", r"typo",
    r"misprint", r"tippfehler", r"error tipogr[áa]fico", r"refuso",
)  # fmt: skip
# "should read", "richtig", "lire", "debe leerse", "leggasi", just before the new value.
_READ = re.compile(
    r"(?:should|must|to)\s+(?:read|be)|reads?|correct\s+(?:value|weight)\s+is|richtig(?:\s+ist)?|"
    r"lautet|lauten|lire|se\s+lit|lisez|est\s+de|leer(?:se)?|l[ée]ase|es\s+de|"
    r"leggasi|leggere|leggi|si\s+legga|[èe]\s+di|:|=",
    re.IGNORECASE,
)
_MARK = re.compile(r"^[ \t]*(?P<mark>\*{1,3}|[\u00b9\u00b2\u00b3]|\(\d\)|\d\))")
_REACH = 200  # the note's sentence, from its mark to the new value


def errata(sheet: Sheet) -> list[tuple[float, float]]:
    """(old grams, new grams) of each erratum note naming a corrected weight."""
    found = []
    for new in sheet.mentions:
        start = sheet.text.rfind("\n\n", 0, new.start)
        line = sheet.text.rfind("\n", 0, new.start) + 1
        start = max(start, new.start - _REACH, 0)
        note = sheet.text[start : new.start]
        read = list(_READ.finditer(note))
        if not (read and note[read[-1].end() :].strip() == ""):
            continue
        if not (_ERRATUM.search(note) and vocab.WEIGHT.search(note)):
            continue
        old = _flagged(sheet, new, _note_mark(sheet.text, start, line))
        if old is not None and not math.isclose(old, new.grams, rel_tol=0.005):
            found.append((old, new.grams))
    return found


def _note_mark(text: str, start: int, line: int) -> str | None:
    """The footnote mark the note's line (or the line its sentence starts on) opens with."""
    for pos in (line, text.rfind("\n", 0, max(start, 1)) + 1):
        mark = _MARK.match(text, pos)
        if mark:
            return mark.group("mark")
    return None


def _flagged(sheet: Sheet, new: Mention, mark: str | None) -> float | None:
    """The weight the mark flags, else the one other weight value on the sheet."""
    others = [m for m in sheet.mentions if m is not new and m.start < new.start]
    if mark:
        for m in others:
            end = sheet.text.find("\n", m.end)
            tail = sheet.text[m.end : end if end >= 0 else len(sheet.text)]
            if tail.strip().startswith(mark) or tail.rstrip().endswith(mark):
                return m.grams
    values = {round(m.grams, 3) for m in others}
    return values.pop() if len(values) == 1 else None
