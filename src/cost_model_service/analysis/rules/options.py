"""An option's weight stated relative to the base model ("opzioni.F.peso: +0,35 kg
rispetto alla versione base", "| 4.6 kg (without brake) | holding brake adds 0.9 kg"):
when the order names the option (its code suffix "RV-50-F", "SM100-30-B", or its words
"with holding brake"), the unit weight is the base weight plus the option's; otherwise
the base weight stands. An added weight alone is never the article's (issue 14, round
V/U)."""

import re
from dataclasses import replace

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.mentions import Mention
from cost_model_service.analysis.rules.scoring import Candidate
from cost_model_service.analysis.rules.sheet import Sheet
from cost_model_service.analysis.rules.tables import header_cell, line_bounds

# "+0,35 kg" (not "± 0,1 kg", "+/- 5 g"), or a word adding it in its own cell or clause.
_PLUS = re.compile(r"(?<![±/])\+[ \t]*$")
_PLUS_NUMBER = re.compile(r"(?<![±/])\+[ \t]*\d")
_ADDS = vocab._words(
    r"adds?\b", r"added", r"additional", r"zus[äa]tzlich", r"mehrgewicht", r"ajoute",
    r"suppl[ée]ment", r"additionnel", r"en plus", r"a[ñn]ade",
    r"adicional", r"suplemento", r"aggiunge", r"aggiuntiv", r"in pi[ùu]", r"maggiorazione",
)  # fmt: skip
_KEY_PATH = re.compile(r"^(?P<prefix>[^\s:]+\.)[^\s.:]+[ \t]*:")  # "opzioni.F.peso: ..."
_WORD = re.compile(r"[^\W\d_]{4,}")
_STOP = re.compile(
    r"adds?|added|base|basis|version\w*|versi[óo]n|rispetto|compared|than|more|mehr|"
    r"option\w*|opci[óo]n\w*|opzion\w*|descri\w*|beschreibung|weight|peso|gewicht|poids|"
    r"masse|masa|massa|with|without|ohne|sans|senza|plus|extra|zusätzlich|series?|serie",
    re.IGNORECASE,
)
_NEGATED = vocab._words(r"without", r"w/o", r"ohne", r"sans", r"sin", r"senza", r"excl\w*")
_NEAR = 25  # characters before the number where an adding word stands
_CONFIDENCE = 0.7  # a sum of two stated weights: derived


def with_options(sheet: Sheet, candidates: list[Candidate]) -> list[Candidate]:
    """Added weights drop as candidates; the ordered ones are added to the base weights."""
    deltas = [m for m in sheet.mentions if _added(sheet.text, m)]
    if not deltas:
        return candidates
    starts = {m.start for m in deltas}
    kept = [c for c in candidates if c.mention.start not in starts]
    if not kept:
        return candidates  # no base beside it: "Weight incl. additional battery: 3 kg"
    named = [(m, *_names(sheet.text, m)) for m in deltas]
    ordered = [(m, words) for m, codes, words in named if _named(sheet, codes, words)]
    if not ordered:
        return kept
    fixed = []
    for c in kept:
        own = f"{c.context.words} {c.context.after}"
        added = [m.grams for m, words in ordered if not _states_it(own, words)]
        if added:
            extra = sum(added)
            c = replace(c, grams=c.grams + extra, confidence=min(c.confidence, _CONFIDENCE))
        fixed.append(c)
    return fixed


def _added(text: str, mention: Mention) -> bool:
    start, _ = line_bounds(text, mention.start)
    cell = text[start : mention.number_start].rsplit("|", 1)[-1]
    clause = re.split(r"[(,;]|\.\s", cell)[-1]
    # The adding word just before the number ("brake adds 0.9 kg"), not a label's
    # "Weight incl. additional battery: 3 kg".
    value = clause.rsplit(":", 1)[-1][-_NEAR:]  # after the label's colon
    return bool(_PLUS.search(cell) or _ADDS.search(value))


def _names(text: str, mention: Mention) -> tuple[set[str], set[str]]:
    """The option's codes (the key segment "F" of "opzioni.F.peso", the "-B" of a header
    "Option -B") and its words (its cell's, its row key's, its key's sibling fields')."""
    start, end = line_bounds(text, mention.start)
    line = text[start:end]
    cell = text[start : mention.number_start].rsplit("|", 1)[-1]
    header = header_cell(text, mention.start)
    # Its cell and row key ("Freno | añade 1,1 kg"); a header ("Valor") names no option.
    related = [cell, line.split("|")[0]]
    codes = {m.group(0).lower() for m in re.finditer(r"(?<=-)[^\W_]{1,3}\b", header)}
    path = _KEY_PATH.match(line)
    if path:
        prefix = path.group("prefix")
        codes.add(prefix.rstrip(".").rsplit(".", 1)[-1].lower())
        related += [x for x in text.splitlines() if x.startswith(prefix)]
    words = {w.lower() for part in related for w in _WORD.findall(part) if not _STOP.fullmatch(w)}
    return {c for c in codes if len(c) <= 3}, words


def _named(sheet: Sheet, codes: set[str], words: set[str]) -> bool:
    """The order or title names the option: a code ends one of its codes ("RV-50-F"), or
    one of its words stands there not after "without". A line stating an added weight
    is the option's own statement ("Versión con freno (bajo pedido): el freno añade
    0,6 kg"), not an order."""
    lines = sheet.title_text.splitlines()
    title = "\n".join(x for x in lines if not (_ADDS.search(x) or _PLUS_NUMBER.search(x)))
    for code in codes:
        if re.search(rf"[^\W_]-{re.escape(code)}(?![^\W_])", title, re.IGNORECASE):
            return True
    return _states_it(title, words)


def _states_it(text: str, words: set[str]) -> bool:
    for word in words:
        for found in re.finditer(rf"(?<![^\W_]){re.escape(word)}", text, re.IGNORECASE):
            if not _NEGATED.search(text[max(0, found.start() - 20) : found.start()]):
                return True
    return False
