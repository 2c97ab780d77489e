"""One spec sheet prepared for the weight rules: what is computed once per text."""

import re
from dataclasses import dataclass

from cost_model_service.analysis.rules import areas, article_size, vocab
from cost_model_service.analysis.rules.containers import LENGTH_KINDS, kinds_in
from cost_model_service.analysis.rules.context import title_line
from cost_model_service.analysis.rules.glued import unglue
from cost_model_service.analysis.rules.lengths import says_sold_by_length, sold_by_length
from cost_model_service.analysis.rules.mentions import Mention, find_mentions
from cost_model_service.analysis.rules.numbers import uses_decimal_comma
from cost_model_service.analysis.rules.ordered import order_lines
from cost_model_service.analysis.rules.packs import Contents, statements
from cost_model_service.analysis.rules.pieces import (
    CUT_HINT,
    CUT_LABEL,
    piece_metres,
    title_piece_metres,
)
from cost_model_service.analysis.rules.tables import is_header_row
from cost_model_service.analysis.rules.unit_of_sale import Sold, sold_as
from cost_model_service.analysis.rules.variants import block_tokens, title_text

# A line naming the ordered item after a colon: "articolo ordinato: ...", "Ordered: ...",
# "Bestellt:", "commandé :", "pedido:", not "Minimum order quantity 10,000 pcs".
_ORDERED_ITEM = re.compile(rf"(?:{vocab.ORDERED.pattern})\w*[ \t]*:", re.IGNORECASE)

MAX_SCAN_CHARS = 200_000
_MAX_MENTIONS = 1000
# Same length as the input, so match offsets stay valid in the original text.
NORMALIZE = str.maketrans({"_": " ", "\u00a0": " ", "\u202f": " ", "\t": " "})
# Markdown emphasis ("| **Weight** | **1.2** kg |") is blanked like the underscores of key
# paths; a star between two numbers is a multiplication sign ("1000*2000 mm") and stays.
_EMPHASIS = re.compile(r"(?<!\d)(?<!\d )\*|\*(?! ?\d)")
# A dot leader glued to its number ("Weight ..........1,2 kg") hides the number behind what
# reads as a decimal point: its last dot becomes a space (same length).
_LEADER_END = re.compile(r"(?<=\.{3})\.(?=\d)")


def normalized(text: str) -> str:
    """The text the rules read: same length, so offsets point into the original."""
    return _LEADER_END.sub(" ", _EMPHASIS.sub(" ", text.translate(NORMALIZE)))


@dataclass(frozen=True)
class Sheet:
    """The normalised text and what every mention's assessment needs from it."""

    text: str  # normalised: same length as the input
    decimal_comma: bool
    mentions: list[Mention]
    title: str
    title_end: int  # offset where the first non-empty line ends
    title_tokens: set[str]
    title_text: str  # the title block and order lines, which name the ordered variant
    title_kinds: frozenset[str]  # containers the title names: the article is one ("Roll")
    by_length: bool  # sold by the metre: the unit is one metre
    contents: Contents  # units per box, carton, roll ... stated anywhere in the sheet
    piece_metres: float | None  # the article is one piece of this length ("cut to 1200 mm")
    piece_area: float | None  # m² of the one sheet or plate the article is ("1000 x 2000 mm")
    sold: Sold | None = None  # what the sales, price or order unit says one article is

    @classmethod
    def read(cls, text: str) -> "Sheet":
        # Only the head of a huge text is searched: the weight of a spec sheet is stated
        # in its first pages, and the work must stay bounded for hostile input.
        norm = normalized(text[:MAX_SCAN_CHARS])
        plain = normalized(text[:MAX_SCAN_CHARS].replace("*", ""))
        title = title_line(norm)
        decimal_comma = uses_decimal_comma(norm)
        mentions = find_mentions(norm, decimal_comma)[:_MAX_MENTIONS]
        # A length in the sales unit ("rollo de 100 m", "barra da 6 m") or a cut-length
        # column makes the article one piece of it, not one metre.
        sold_length = article_size.sale_metres(norm, decimal_comma)
        metre_sale = says_sold_by_length(norm)
        if not sold_length and not metre_sale:  # "Tubo rame - rotolo 50 m"
            head = "\n".join(norm.lstrip().split("\n", 2)[:2])
            sold_length = article_size.title_metres(head, decimal_comma)
        pieces = piece_metres(norm, decimal_comma) or sold_length
        pieces = pieces or article_size.column_metres(norm, decimal_comma, CUT_LABEL, CUT_HINT)
        block = title_text(plain)  # the title block and order lines
        pieces = pieces or title_piece_metres(block, norm, decimal_comma)
        by_length = sold_by_length(norm, any(m.per_length for m in mentions))
        by_length = by_length and not sold_length
        # The article is a container when its title or its sales unit names one, unless
        # the sales or price unit is one piece ("pack of 10" then is how it is delivered).
        unglued = unglue(norm)  # OCR: "Unidaddeventa", "Boxof10"
        sold = sold_as(unglued)
        named = [sold.kind] if sold and sold.kind else []
        # A table's header row opening the text (a CSV) names columns ("unidades_paquete"),
        # not what the article is.
        # An order line too: "articolo ordinato: M5 x 16, confezione da 100 pezzi".
        ordered = [line for line in order_lines(plain.splitlines()) if _ORDERED_ITEM.search(line)]
        in_title = [] if is_header_row(norm, title) else kinds_in(title)
        in_title += kinds_in("\n".join(ordered))
        title_kinds = frozenset(named if sold and sold.single else in_title + named)
        if metre_sale and not sold_length:
            # "Abrasive roll ..., sold by the metre": the roll holds the metres.
            title_kinds -= LENGTH_KINDS
        return cls(
            text=norm,
            decimal_comma=decimal_comma,
            mentions=mentions,
            title=title,
            title_end=norm.find(title) + len(title),
            # Offsets do not matter here, and blanked emphasis would read as the gaps of
            # aligned columns ("  Your configuration:  CX-63 ... ,   stroke 100 mm  ").
            title_tokens=block_tokens(block),
            title_text=block,
            title_kinds=title_kinds,
            by_length=by_length,
            contents=Contents(
                statements(unglued, decimal_comma, by_length), title_kinds, by_length
            ),
            piece_metres=pieces,
            piece_area=areas.sale_area(norm, decimal_comma, sold),
            sold=sold,
        )
