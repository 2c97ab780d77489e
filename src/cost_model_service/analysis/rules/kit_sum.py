"""A kit, set or assembled group sold as one unit, stated only by its components' weights:
"Verkaufseinheit: 1 Set" over "1 | Grundplatte | 1,20 kg", "2 | Klemme | 0,15 kg"; "se
suministra como grupo completo" over pump, motor and baseplate rows. The article weighs
the sum of each row's weight times its quantity (issue 14, round X/W). A row sold
separately or as an accessory is left out; a stated total, when there is one, wins."""

import re
from dataclasses import replace

from cost_model_service.analysis.rules import parts, vocab
from cost_model_service.analysis.rules.context import context_of
from cost_model_service.analysis.rules.mentions import Mention
from cost_model_service.analysis.rules.order_totals import QUANTITY
from cost_model_service.analysis.rules.scoring import Candidate
from cost_model_service.analysis.rules.sheet import Sheet
from cost_model_service.analysis.rules.tables import cells, header_of, line_bounds

_GROUP = r"(?:set|kit|satz|juego|jeu|ensemble|gruppo|grupo|groupe|baugruppe|assembly|group)"
_WHOLE = r"(?:complete\w*|komplett\w*|complet\w*|assembled|montiert\w*|montad[oa]|montat[oa])"
# The article is the whole kit or group, in de en es fr it.
_ONE_KIT = re.compile(
    r"(?:verkaufseinheit|sales unit|selling unit|unidad de venta|unit[àa] di vendita|"
    rf"unit[ée] de vente)\W{{0,5}}1\s*{_GROUP}\b"
    r"|(?:suministra|supplied|delivered|geliefert|fornit\w*|livr[ée]\w*)\s+(?:como|as|als|come|"
    r"comme|en)\s+(?:an?\s+|une?\s+|un[oa]?\s+|eine?\s+)?"
    rf"(?:{_WHOLE}\s*{_GROUP}|{_GROUP}\s+{_WHOLE})"
    # "sold as one kit", "verkauft als ein Satz", "vendu comme un seul kit".
    r"|(?:sold|verkauft|vendu\w*|vendid[oa]s?|vendut[oa]|invoiced|fakturiert)\s+(?:como|as|als|"
    r"come|comme|en)\s+(?:one|a single|eine?[nms]?|un[oa]?|une|un solo|un seul|uno solo)\s+"
    rf"(?:einzige[nrs]?\s+|seul\w*\s+)?{_GROUP}\b"
    r"|(?:sum|suma|somma|summe|somme)\s+(?:of|de|der|delle|dei|des)\s+(?:the\s+|los\s+|las\s+|"
    r"le\s+|i\s+|la\s+)?(?:components|componentes|componenti|komponenten|composants|parts|"
    r"teile|einzelteile)",
    re.IGNORECASE,
)
_TIMES = re.compile(r"(?<![\d.,])(\d{1,3})\s*[x\u00d7]\s+[^\W\d_]", re.IGNORECASE)  # "2 x Klemme"
_GAP = 3  # a PDF wraps a row's name over a line or two
_SCORE_FLOOR = 95.0  # above a component's plain weight (90) or weight each (95)
_CONFIDENCE = 0.7
_STATED = 85  # a plain or net weight statement outside the components table


def _quantity(sheet: Sheet, mention: Mention) -> int | None:
    start, end = line_bounds(sheet.text, mention.start)
    row = cells(sheet.text[start:end])
    header = header_of(sheet.text, mention.start)
    columns = [
        i for i, head in enumerate(header.cells if header else []) if QUANTITY.fullmatch(head)
    ]
    if len(columns) == 1 and header and len(row) == len(header.cells):
        cell = row[columns[0]]  # "Menge | Teil" or "Teil | Menge": wherever the column is
        return int(cell) if cell.isdigit() else None
    times = _TIMES.search(sheet.text[start : mention.start])
    return int(times.group(1)) if times else 1


def _rows(sheet: Sheet) -> list[Mention]:
    """The first block of table rows holding one mass each."""
    block: list[Mention] = []
    last_line = -1
    for mention in sheet.mentions:
        start, end = line_bounds(sheet.text, mention.start)
        line = sheet.text[start:end]
        if "|" not in line or mention.per_length or mention.per_area:
            continue
        number = sheet.text.count("\n", 0, start)
        if block and (number == last_line or number - last_line > _GAP):
            if number == last_line:
                return []  # two masses in one row: not a components table
            break
        block.append(mention)
        last_line = number
    return block


def with_kit_sum(sheet: Sheet, candidates: list[Candidate]) -> list[Candidate]:
    """Adds the kit's summed weight when the sheet sells one kit of weighed components."""
    if not _ONE_KIT.search(sheet.text):
        return candidates
    rows = _rows(sheet)
    starts = {m.start for m in rows}
    if len(rows) < 2:
        return candidates  # no components table
    if any(c.score >= _STATED and c.mention.start not in starts for c in candidates):
        # A stated kit weight: the rows are its parts' weights, not the article's.
        return [c for c in candidates if c.mention.start not in starts]
    total, ctx = 0.0, context_of(sheet.text, rows[0], sheet.mentions)
    for mention in rows:
        start, end = line_bounds(sheet.text, mention.start)
        line = sheet.text[start:end]
        if parts.SEPARATELY.search(line) or parts.ACCESSORY.search(line):
            continue  # sold beside the kit, not in it
        own = context_of(sheet.text, mention, sheet.mentions)
        if vocab.DISTRACTOR.search(own.words):
            return candidates  # a load table, not weights
        quantity = _quantity(sheet, mention)
        if quantity is None:
            return candidates
        each = not vocab.TOTAL.search(own.header)  # "Gewicht gesamt" is already times qty
        total += mention.grams * (quantity if each else 1)
    scores = [c.score for c in candidates if c.mention.start in starts]
    score = max([_SCORE_FLOOR, *scores]) + 1
    first = replace(rows[0], end=rows[-1].end)  # the evidence shows every row
    return [*candidates, Candidate(total, score, _CONFIDENCE, first, ctx)]
