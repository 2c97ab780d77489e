"""Where a sheet states which article was ordered, besides its title block: order, offer
and quotation lines, a comment line above a table ("# Order 4471: CH-3"), a position line
("Pos. 1: 4 pcs ZS-M2-1000") and the rows of a quotation's position table ("Pos. | Article
| Qty" over "1 | SLG-14-0900 | ..."), wherever they stand in the sheet."""

import re

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.tables import cells

_ELEMENT = re.compile(r"[^\s:]*\[\d+\]\.")  # "variants[1]." of flattened JSON


# A numbered position of an order or offer, in de en es fr it: "Pos. 2", "ligne 1", "riga 10".
_POSITION_WORD = (
    r"(?:pos\.?|position|posizione|posici[óo]n|ligne|l[íi]nea|riga|line(?: item)?|zeile)"
)
_POSITION = re.compile(
    rf"(?<![^\W_]){_POSITION_WORD}[ \t]*(?:n[or°º.]*[ \t]*)?\d{{1,3}}[ \t]*[:.)\-\u2013]",
    re.IGNORECASE,
)
_POSITION_HEADER = re.compile(rf"{_POSITION_WORD}|item|n[or°º.]*|#", re.IGNORECASE)
# Lines that name the article offered, quoted or selected, or give its code.
_NAMES_ARTICLE = vocab._words(
    r"offer", r"angebot", r"offre\b", r"ofert", r"offert",  # offers
    r"quot", r"devis", r"cotizaci", r"presupuesto", r"preventiv", r"kostenvoranschlag",
    r"selecti", r"auswahl", r"s[ée]lection", r"selecci[óo]n", r"selezion",  # a selection
    r"request", r"angefragt", r"demand[ée]", r"solicitad", r"richiest",
    r"item no", r"art(?:ikel)?\.?[ -]?nr", r"artikelnummer", r"part no", r"sku\b",
    r"r[ée]f(?:[ée]rence)?\b", r"referencia", r"riferimento", r"c[óo]digo", r"codice",
)  # fmt: skip
_COMMENT = re.compile(r"\s*(?:#(?!#)|//)")  # not a markdown sub-heading ("## Variants")
_HEAD_LINES = 10  # comment lines above a table stand at the top
_MAX_LINES = 200
_MAX_WRAPPED = 6  # a quotation's description wrapped over lines of a PDF text layer


def order_lines(lines: list[str]) -> list[str]:
    """The lines (of the first non-empty ones) that state what was ordered or offered."""
    lines = lines[:_MAX_LINES]
    found = []
    for index, line in enumerate(lines):
        if _ELEMENT.match(line):
            continue  # "variants[0].order_no" names one of the variants, not the one
        table_row = "|" in line
        if (
            vocab.ORDERED.search(line)
            or _POSITION.search(line)
            or (index < _HEAD_LINES and _COMMENT.match(line))
            or (not table_row and _NAMES_ARTICLE.search(line))
        ):
            found.append(line)
    return found + _position_rows(lines)


def _position_rows(lines: list[str]) -> list[str]:
    """Rows of a position table: under a header opening with "Pos." (or "Item", "No."),
    the rows opening with a position number; a PDF's wrapped description lines between
    them are skipped."""
    rows: list[str] = []
    in_table, wrapped = False, 0
    for line in lines:
        first = cells(line)[0] if "|" in line and cells(line) else ""
        if "|" in line and _POSITION_HEADER.fullmatch(first):
            in_table, wrapped = True, 0
        elif in_table and first.isdigit() and len(first) <= 3:
            rows.append(line)
            wrapped = 0
        elif in_table and "|" not in line and wrapped < _MAX_WRAPPED:
            wrapped += 1
        else:
            in_table = False
    return rows
