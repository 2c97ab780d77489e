"""A correction or change note replacing a stated weight: "Gewichtsangabe korrigiert von
18,2 kg auf 16,9 kg", "weight corrected from 2.4 kg to 2.1 kg", "peso corretto da 5 kg a
4,6 kg". The sheet's weight table may still print the old value; the note says which
value holds (issue 14, round X/W)."""

import itertools
import math
import re
from dataclasses import replace

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.errata import errata
from cost_model_service.analysis.rules.scoring import Candidate
from cost_model_service.analysis.rules.sheet import Sheet

# A correction or change word, in de en es fr it, standing before "from X to Y".
_CORRECTED = vocab._words(
    r"korrigiert", r"berichtigt", r"ge[äa]ndert", r"aktualisiert", r"corrected", r"amended",
    r"changed", r"revised", r"updated", r"corrig[ée]", r"modifi[ée]", r"rectifi[ée]",
    r"corregid[oa]", r"modificad[oa]", r"rectificad[oa]", r"actualizad[oa]",
    r"corrett[oa]", r"modificat[oa]", r"rettificat[oa]", r"aggiornat[oa]",
)  # fmt: skip
_FROM = re.compile(r"(?:von|from|de|desde|du|da|dal)\s*$", re.IGNORECASE)
_TO = re.compile(r"\s*(?:auf|to|a|à|al|in|zu)\s*", re.IGNORECASE)
_ARROW = re.compile(r"\s*(?:->|\u2192|=>)\s*")
_REACH = 80  # the correction word stands in the same clause, a few words before
_CONFIDENCE = 0.75  # a value read from a note, not from the weight's own line


def corrections(sheet: Sheet) -> list[tuple[float, float]]:
    """(old grams, new grams) of each "corrected from X to Y" note naming a weight."""
    found = []
    mentions = sheet.mentions
    for old, new in itertools.pairwise(mentions):
        before = sheet.text[max(0, old.start - _REACH) : old.start]
        before = before.rsplit("\n", 1)[-1]
        between = sheet.text[old.end : new.start]
        arrow = _ARROW.fullmatch(between)  # "Gewicht geändert: 18,2 kg → 16,9 kg"
        if not arrow and not (_TO.fullmatch(between) and _FROM.search(before)):
            continue
        if _CORRECTED.search(before) and vocab.WEIGHT.search(before):
            found.append((old.grams, new.grams))
    return found + errata(sheet)  # "Erratum: ... should read 7.9 kg"


def apply_corrections(sheet: Sheet, candidates: list[Candidate]) -> list[Candidate]:
    """Candidates stating a corrected weight take its new value; where the new value is a
    candidate itself (the note's "auf 16,9 kg"), the old ones drop, so the note is shown."""
    notes = corrections(sheet)
    if not notes:
        return candidates
    fixed = []
    for c in candidates:
        old = next((o for o, _ in notes if math.isclose(c.grams, o, rel_tol=0.005)), None)
        new = next((n for o, n in notes if old == o), None)
        if new is not None and any(math.isclose(n.grams, new, rel_tol=0.005) for n in candidates):
            continue
        if new is not None:
            c = replace(c, grams=new)
        if any(math.isclose(c.grams, n, rel_tol=0.005) for _, n in notes):
            c = replace(c, confidence=min(c.confidence, _CONFIDENCE))
        fixed.append(c)
    return fixed
