"""Which row or column of a variants table is the ordered article: the identifiers the title
block and the order lines name, matched against those that go with each weight."""

import re

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.mentions import QUANTITY, Mention
from cost_model_service.analysis.rules.named_quantities import (
    MARK,
    quantity_tokens,
    row_quantities,
)
from cost_model_service.analysis.rules.ordered import order_lines
from cost_model_service.analysis.rules.tables import cells, column_cells, header_cell, line_bounds

_ELEMENT = re.compile(r"[^\s:]*\[\d+\]\.")  # "variants[1]." of flattened JSON
_KEY_PATH = re.compile(r"[^\s:.]+(?:\.[^\s:.]+)+[^:\n]*:")  # "variants.VF-0750.weight_kg: 1.4"
_ALIGNED_CELL = re.compile(r"\S+(?: \S+)*")  # a table aligned with spaces has several
_TOKEN = re.compile(r"[^\W_]+(?:[-./][^\W_]+)*")
# A profile or size written with spaces ("L 50 x 50 x 5", "40 \u00d7 40 \u00d7 4") names
# the same row as its compact form ("L50x50x5"): read as one token without the spaces.
_SIZE_CHAIN = re.compile(
    r"(?<![\w.,])(?:[^\W\d_]{1,3}[ \t]?)?\d+(?:[.,]\d+)?"
    r"(?:[ \t]*[x\u00d7*][ \t]*\d+(?:[.,]\d+)?)+(?![\w.,])",
    re.IGNORECASE,
)
# The title block: the first lines before any table, where a sheet names its article
# (a letterhead often comes first: "ACME GmbH" / "Gear motor MR63, i = 20" / "Order code").
_TITLE_LINES = 3


def title_text(text: str) -> str:
    """The title block and the 'ordered ...' lines (quantities blanked: "1.36 kg" names no
    variant), where a sheet names the article it is about."""
    lines = [line for line in text.splitlines()[:400] if line.strip()]
    block = lines[:1]
    for line in lines[1:_TITLE_LINES]:
        if _ELEMENT.match(line) or _KEY_PATH.match(line):
            break  # flattened JSON objects: the variants' own values
        if "|" in line or len(_ALIGNED_CELL.findall(line)) >= 3:
            break  # a table starts: its rows are the variants, not the title
        if line.rstrip().endswith(":") or QUANTITY.search(line):
            break  # a list's heading or a weight's line: the data starts
        block.append(line)
    named = block + [line for line in order_lines(lines) if line not in block]
    return QUANTITY.sub(" ", "\n".join(named))


def title_tokens(text: str) -> set[str]:
    """Identifiers (tokens with a digit) of the title text, and the numeric parts of order
    codes: "MR63-020-B14" also names ratio 20, "DB-050" 50 l."""
    return block_tokens(title_text(text))


def block_tokens(block: str) -> set[str]:
    """title_tokens of a title text already taken (Sheet.read takes it once)."""
    tokens = [token.lower() for token in _tokens(block) if _has_digit(token)]
    tokens += _size_chains(block)
    parts = {
        part.lstrip("0") or "0"
        for token in tokens
        for part in re.split(r"[-./]", token)
        if part.isdigit() and part != token
    }
    return {_identifier(token) for token in tokens} | parts | quantity_tokens(block)


def named_key(title: str, text: str, mention: Mention) -> str | None:
    """The key of the mention's row (its first cell) or column (its header) when the title
    text names it as a whole phrase: "Ausführung Edelstahl" names the row "Edelstahl" (not
    "Stahl"), "taglia L" the row "L"."""
    start, end = line_bounds(text, mention.start)
    if "|" not in text[start:end]:
        return None
    row = cells(text[start:end])
    keys = [row[0]] if row and not QUANTITY.search(row[0]) else []
    keys.append(header_cell(text, mention.start))
    for key in keys:
        if not any(char.isalpha() for char in key) or vocab.WEIGHT.search(key):
            continue
        flags = re.IGNORECASE if len(key) > 2 else 0  # "L", "XL" only as written
        if re.search(rf"(?<![^\W_]){re.escape(key)}(?![^\W_])", title, flags):
            return key.lower()
    return None


def row_tokens(text: str, mention: Mention) -> set[str]:
    """Identifiers that go with the mention: its row's, its table column's (variants side
    by side, "| Weight | 31 g | 38 g |" under "| Art.-Nr. | SS-4060 | SS-6080 |"), and its
    JSON array element's ("variants[1].weight_kg" with "variants[1].order_code")."""
    start, end = line_bounds(text, mention.start)
    row = text[start : mention.start] + " " + text[mention.end : end]
    related = [row, *column_cells(text, mention.start)]
    quantities = row_quantities(text, mention.start)
    element = _ELEMENT.match(text, start)
    if element:
        prefix = element.group(0)
        lines = [line for line in text.splitlines() if line.startswith(prefix)]
        related += [line.partition(":")[2] for line in lines]
        quantities |= quantity_tokens("\n".join(lines))  # "variants[1].power_kw: 3.7"
    tokens = [token for part in related for token in _tokens(part)]
    tokens += _size_chains(row)
    return {_identifier(token) for token in tokens if _has_digit(token)} | quantities


def _tokens(text: str) -> list[str]:
    """The words of a text, a JSON key path split at its dots: "variants.VF-0750.weight"
    holds the code "VF-0750" (a code with one dot, "RB.040", stays whole)."""
    found: list[str] = []
    for token in _TOKEN.findall(text):
        parts = token.split(".")
        named = sum(any(char.isalpha() for char in part) for part in parts)
        found += parts if named >= 2 else [token]
    return found


def _size_chains(text: str) -> list[str]:
    r""" "L 50 x 50 x 5" -> "l50x50x5", "40 \u00d7 40 \u00d7 4" -> "40x40x4"."""
    found = (re.sub(r"[ \t]", "", m.group(0)) for m in _SIZE_CHAIN.finditer(text))
    return [re.sub(r"[\u00d7*]", "x", token).lower() for token in found]


def _identifier(token: str) -> str:
    """A code as the sheet's writers vary it: case, separators and leading zeros dropped
    ("ZS-M2-0500", "zs m2.500" -> "zsm2500"); a plain number keeps its decimal point."""
    token = token.lower()
    if not any(char.isalpha() for char in token):
        return re.sub(r"^0+(?=\d)", "", token)
    return "".join(re.sub(r"(?<!\d)0+(?=\d)", "", part) for part in re.split(r"[-./]", token))


def variant_strength(shared: set[str]) -> int:
    """How surely shared identifiers name the variant: an order code ("SS-6080-W4", letters
    and digits) counts far more than a bare number ("60", which "40-60 mm" also holds), a
    number with its unit ("3.7 kW") in between."""
    return sum(_strength(token) for token in shared)


def _strength(token: str) -> int:
    if token.startswith(MARK):
        return 5  # a rating or size with its unit: "3.7 kW", "1000 mm"
    return 10 if any(char.isalpha() for char in token) else 1


def _has_digit(token: str) -> bool:
    return any(char.isdigit() for char in token)
