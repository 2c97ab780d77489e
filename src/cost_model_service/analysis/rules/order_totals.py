"""An order line's total weight divided by its ordered quantity: order confirmations
state "Gesamtgewicht Position 10: 3,5 kg" for 250 pieces, "peso_tot_riga_kg: 52" for 40
pz, a "Peso total línea kg" column beside "Cantidad | Ud." (issue 14, round X/W). Only
when the line's unit is one piece; a line of metres or kilograms weighs no piece."""

import re
from dataclasses import replace

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.scoring import Candidate
from cost_model_service.analysis.rules.sheet import Sheet
from cost_model_service.analysis.rules.tables import cells, is_header_tail, line_bounds

# A total naming the order line or position: "Gesamtgewicht Position", "peso tot riga",
# "line total weight", "poids total ligne", "Peso total línea".
_TOTAL = re.compile(r"(?<![^\W_])(?:tot\b|total|gesamt|totale)", re.IGNORECASE)
_LINE = vocab._words(
    r"pos\b", r"pos\.", r"position", r"posizione", r"posici[óo]n", r"riga", r"righe",
    r"l[íi]nea", r"line\b", r"ligne", r"zeile",
)  # fmt: skip
# The ordered quantity's field or column, and the order unit's.
QUANTITY = vocab._words(
    r"qty\b", r"quantity", r"menge\b", r"bestellmenge", r"anzahl", r"cantidad", r"cant\.",
    r"quantit[éàa]", r"qt[éàa]\b", r"qta\b", r"qté",
)  # fmt: skip
_UNIT = vocab._words(r"me\b", r"um\b", r"u\.m\.", r"ud\.?$", r"unit\b", r"uom\b", r"einheit",
                     r"unidad\b", r"unit[àée]\b")  # fmt: skip
_PIECE = re.compile(rf"(?:{vocab.PIECES}|st|pce|u|un|ud)\.?", re.IGNORECASE)  # "ST", "UD"
_KEY_VALUE = re.compile(r"^[ \t]*(?P<key>[^\s:|][^:|\n]*?):[ \t]*(?P<value>[^\n|]*?)[ \t]*$",
                        re.MULTILINE)  # fmt: skip
_INTEGER = re.compile(r"\d{1,6}")
_CONFIDENCE = 0.7
_DERIVED = 5  # score below the stated weight kinds it was read as


def _from_tables(text: str) -> list[tuple[int, str | None]]:
    """(quantity, unit) of each row under a header naming a quantity column: pipe rows
    ("Cantidad | Ud." over "40 | UD") and space-aligned ones ("Pos.  Menge  ME")."""
    found: list[tuple[int, str | None]] = []
    lines = text.split("\n")
    for index, head in enumerate(lines[:-1]):
        # Past the wrapped tails of the header's cells ("Net weight" over "per", "piece").
        below = (line for line in lines[index + 1 :] if line.strip())
        row = next((line for line in below if "|" not in head or not is_header_tail(line)), "")
        if "|" in head:
            heads, values = cells(head), cells(row)
            if len(heads) != len(values):
                continue
            spans = [(h, v) for h, v in zip(heads, values, strict=True)]
        else:
            words = list(re.finditer(r"\S+", head))
            spans = [(w.group(), _at(row, w.start(), w.end())) for w in words]
        quantity = [v for h, v in spans if QUANTITY.fullmatch(h) and _INTEGER.fullmatch(v)]
        units = [v for h, v in spans if _UNIT.fullmatch(h)]
        if len(quantity) == 1:
            found.append((int(quantity[0]), units[0] if len(units) == 1 else None))
    return found


def _at(row: str, start: int, end: int) -> str:
    """The word of a space-aligned row under a header word spanning start..end."""
    for word in re.finditer(r"\S+", row):
        if word.start() < end and word.end() > start:
            return word.group()
    return ""


def ordered_pieces(sheet: Sheet) -> int | None:
    """The one ordered quantity of the sheet, when its unit is a piece (or not given)."""
    found = _from_tables(sheet.text)
    pairs = list(_KEY_VALUE.finditer(sheet.text))
    for pair in pairs:
        leaf = pair["key"].rpartition(".")[2]  # sheet.text has "_" as " " already
        if QUANTITY.fullmatch(leaf.strip()) and _INTEGER.fullmatch(pair["value"]):
            parent = pair["key"].rpartition(".")[0]
            units = [
                p["value"]
                for p in pairs
                if p["key"].rpartition(".")[0] == parent
                and _UNIT.fullmatch(p["key"].rpartition(".")[2])
            ]
            found.append((int(pair["value"]), units[0] if len(units) == 1 else None))
    if len({quantity for quantity, _ in found}) != 1:
        return None  # none, or several lines: which one the total belongs to is unclear
    quantity, unit = found[0]
    if unit is not None and not _PIECE.fullmatch(unit.strip()):
        return None  # ordered by the metre, kilogram, pack ...
    return quantity if quantity > 1 else None


def divided_line_totals(sheet: Sheet, candidates: list[Candidate]) -> list[Candidate]:
    """A line total's candidate divided by the ordered pieces."""
    pieces = None
    divided = []
    for c in candidates:
        start, _ = line_bounds(sheet.text, c.mention.start)
        label = f"{c.context.words} {sheet.text[start : c.mention.start]}"
        if _TOTAL.search(label) and _LINE.search(label) and not c.divisor:
            pieces = pieces or ordered_pieces(sheet)
            if pieces:
                # Derived: below a unit weight the sheet states outright.
                c = replace(c, grams=c.grams / pieces, divisor=pieces, score=c.score - _DERIVED,
                            confidence=min(c.confidence, _CONFIDENCE))  # fmt: skip
        divided.append(c)
    return divided
