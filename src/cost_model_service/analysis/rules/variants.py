"""Which row or column of a variants table is the ordered article: the identifiers the title
block and the order lines name, matched against those that go with each weight."""

import re

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.mentions import Mention
from cost_model_service.analysis.rules.tables import column_cells, line_bounds

_ELEMENT = re.compile(r"[^\s:]*\[\d+\]\.")  # "variants[1]." of flattened JSON
_ALIGNED_CELL = re.compile(r"\S+(?: \S+)*")  # a table aligned with spaces has several
_TOKEN = re.compile(r"[^\W_]+(?:[-./][^\W_]+)*")
# The title block: the first lines before any table, where a sheet names its article
# (a letterhead often comes first: "ACME GmbH" / "Gear motor MR63, i = 20" / "Order code").
_TITLE_LINES = 3


def title_tokens(text: str) -> set[str]:
    """Identifiers (tokens with a digit) of the title block and of 'ordered ...' lines, and
    the numeric parts of order codes: "MR63-020-B14" also names ratio 20, "DB-050" 50 l."""
    lines = [line for line in text.splitlines()[:400] if line.strip()]
    block = lines[:1]
    for line in lines[1:_TITLE_LINES]:
        if "|" in line or _ELEMENT.match(line) or len(_ALIGNED_CELL.findall(line)) >= 3:
            break  # a table starts: its rows are the variants, not the title
        block.append(line)
    # A JSON array element's "variants[0].order_no" names one of the variants, not the one.
    named = block + [
        line for line in lines[:200] if vocab.ORDERED.search(line) and not _ELEMENT.match(line)
    ]
    tokens = {
        token.lower() for line in named for token in _TOKEN.findall(line) if _has_digit(token)
    }
    parts = {
        part.lstrip("0") or "0"
        for token in tokens
        for part in re.split(r"[-./]", token)
        if part.isdigit() and part != token
    }
    return tokens | parts


def row_tokens(text: str, mention: Mention) -> set[str]:
    """Identifiers that go with the mention: its row's, its table column's (variants side
    by side, "| Weight | 31 g | 38 g |" under "| Art.-Nr. | SS-4060 | SS-6080 |"), and its
    JSON array element's ("variants[1].weight_kg" with "variants[1].order_code")."""
    start, end = line_bounds(text, mention.start)
    row = text[start : mention.start] + " " + text[mention.end : end]
    related = [row, *column_cells(text, mention.start)]
    element = _ELEMENT.match(text, start)
    if element:
        prefix = element.group(0)
        related += [line.partition(":")[2] for line in text.splitlines() if line.startswith(prefix)]
    return {
        token.lower() for part in related for token in _TOKEN.findall(part) if _has_digit(token)
    }


def variant_strength(shared: set[str]) -> int:
    """How surely shared identifiers name the variant: an order code ("SS-6080-W4", letters
    and digits) counts far more than a bare number ("60", which "40-60 mm" also holds)."""
    return sum(10 if any(c.isalpha() for c in token) else 1 for token in shared)


def _has_digit(token: str) -> bool:
    return any(char.isdigit() for char in token)
