"""HTML to text: one line per block element, table rows as ' | '-joined cells."""

import re

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

_DROPPED = ["script", "style", "noscript", "template", "svg", "iframe", "object"]
_BLOCKS = [
    "address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "title", "ul",
]  # fmt: skip
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
# An empty line kept in the output: where a nested table starts or ends, so its rows are
# not read as rows of the table around it.
_BREAK = "\ue000"  # private use: never in a page, not whitespace to strip()


def html_to_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DROPPED):
        tag.decompose()
    # Source line breaks are plain whitespace in HTML: collapse them first, so the only
    # newlines left are the ones inserted below for block boundaries.
    for string in soup.find_all(string=True):
        # Exact type: comments, doctypes and CDATA are subclasses and must stay hidden.
        if type(string) is NavigableString and not string.find_parent("pre"):
            string.replace_with(_SPACES.sub(" ", str(string)))
    # A definition list or a key/value table inside a table cell stays in its cell, on
    # its row's line: "CM-3 | 3 | Weight: 24.5 kg; Height: 600 mm".
    for listing in reversed(soup.find_all(["dl", "table"])):
        if listing.find_parent(["td", "th"]) and _pairs(listing):
            listing.replace_with(NavigableString(_inline_pairs(listing)))
    # Innermost rows first (reverse document order), so nested tables stay intact.
    for row in reversed(soup.find_all("tr")):
        row_cells = row.find_all(["td", "th"], recursive=False)
        if any(cell.find("table") for cell in row_cells):
            _unnest(row, row_cells)
            continue
        cells = [cell.get_text(" ", strip=True) for cell in row_cells]
        row.replace_with(NavigableString("\n" + " | ".join(cells) + "\n"))
    # A definition list is a two-column table: "Weight | 186 g" keeps the term and its value
    # on one line, as a table row does.
    for term in soup.find_all("dt"):
        values = []
        for sibling in term.find_next_siblings(["dt", "dd"]):
            if sibling.name == "dt":
                break
            values.append(sibling.get_text(" ", strip=True))
            sibling.decompose()
        if values:
            pair = " | ".join([term.get_text(" ", strip=True), *values])
            term.replace_with(NavigableString("\n" + pair + "\n"))
    for br in soup.find_all("br"):
        br.replace_with(NavigableString("\n"))
    for block in soup.find_all(_BLOCKS):
        if isinstance(block, Tag):
            block.insert_before(NavigableString("\n"))
            block.insert_after(NavigableString("\n"))
    lines = (_SPACES.sub(" ", line).strip() for line in soup.get_text().split("\n"))
    text = "\n".join(line for line in lines if line)
    return re.sub(rf"(?:\n?{_BREAK}\n?)+", "\n\n", text).strip("\n")


def _pairs(listing: Tag) -> bool:
    """A definition list, or a table of two cells a row: terms and their values."""
    if listing.name == "dl":
        return True
    rows = listing.find_all("tr")
    return bool(rows) and all(len(row.find_all(["td", "th"])) == 2 for row in rows)


def _inline_pairs(listing: Tag) -> str:
    """Terms and values on one line: "Dimensions: 420 x 580 mm; Weight: 22 kg"."""
    pairs: list[str] = []
    if listing.name == "table":
        for row in listing.find_all("tr"):
            term, value = (cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"]))
            pairs.append(f"{term}: {value}" if term and value else term or value)
        return " " + "; ".join(pairs) + " "
    for item in listing.find_all(["dt", "dd"]):
        text = item.get_text(" ", strip=True)
        if item.name == "dt" or not pairs:
            pairs.append(text)
        else:
            pairs[-1] += (": " if pairs[-1] and not pairs[-1].endswith(":") else " ") + text
    return " " + "; ".join(pairs) + " "


def _unnest(row: Tag, row_cells: list[Tag]) -> None:
    """A row whose cell holds a table is layout, not data: its cells become blocks, so the
    inner table's rows stand on lines of their own, apart from the outer table's rows
    (the inner rows were already replaced: innermost first)."""
    for cell in row_cells:
        cell.insert_before(NavigableString(f"\n{_BREAK}\n"))
        cell.insert_after(NavigableString(f"\n{_BREAK}\n"))
        cell.unwrap()
    row.unwrap()
