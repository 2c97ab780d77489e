"""One-record exports: a CSV or table of a single data row under its header row is the
article's master record, so the row's name field (Bezeichnung, description, MAKTX) names
the article itself. A word there that elsewhere marks another thing's weight
("Gegengewicht", "counterweight", "Kupferzahl") says what the article is."""

import re

from cost_model_service.analysis.rules.tables import cells, header_of, line_bounds

# Header cells of the article's name field, de en es fr it, and SAP's short text.
_NAME_FIELD = re.compile(
    r"(?:short[ ]?|kurz|artikel|art[. ]?)?(?:text|bezeichnung|description|descr?\.?|"
    r"name|designation|d[ée]signation|libell[ée]|descripci[óo]n|denominaci[óo]n|nombre|"
    r"descrizione|denominazione|nome|titel|title|maktx)",
    re.IGNORECASE,
)
_SEPARATOR_ROW = re.compile(r"^[\s|:+\-=]*$")


def article_name_cells(text: str, pos: int) -> list[str]:
    """The name cells of `pos`'s row when that row is the one record of its table."""
    header = header_of(text, pos)
    if header is None:
        return []
    start, end = line_bounds(text, pos)
    records = 0
    at = text.find("\n", header.start) + 1
    while 0 < at < len(text) and records < 2:  # bounded: two rows already say "several"
        line_end = text.find("\n", at)
        line = text[at : len(text) if line_end < 0 else line_end]
        if "|" not in line:
            break  # the table ends
        if not _SEPARATOR_ROW.match(line):  # markdown |---| is no row
            records += 1
        at = line_end + 1
    row = cells(text[start:end])
    if records != 1 or len(row) != len(header.cells):
        return []  # several rows: each names a variant or a part, maybe not the article
    return [
        cell
        for head, cell in zip(header.cells, row, strict=True)
        if cell and _NAME_FIELD.fullmatch(head.strip())
    ]


def without_article_name(words: str, names: list[str]) -> str:
    """`words` with the article's name cells blanked."""
    for name in names:
        words = words.replace(name, " ")
    return words
