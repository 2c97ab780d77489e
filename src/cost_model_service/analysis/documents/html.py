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
    # Innermost rows first (reverse document order), so nested tables stay intact.
    for row in reversed(soup.find_all("tr")):
        cells = [
            cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"], recursive=False)
        ]
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
    return "\n".join(line for line in lines if line)
