"""One spec sheet prepared for the weight rules: what is computed once per text."""

from dataclasses import dataclass

from cost_model_service.analysis.rules.containers import kinds_in
from cost_model_service.analysis.rules.context import title_line
from cost_model_service.analysis.rules.glued import unglue
from cost_model_service.analysis.rules.lengths import sold_by_length
from cost_model_service.analysis.rules.mentions import Mention, find_mentions
from cost_model_service.analysis.rules.numbers import uses_decimal_comma
from cost_model_service.analysis.rules.packs import Contents, statements
from cost_model_service.analysis.rules.pieces import piece_metres
from cost_model_service.analysis.rules.unit_of_sale import Sold, sold_as
from cost_model_service.analysis.rules.variants import title_text, title_tokens

MAX_SCAN_CHARS = 200_000
_MAX_MENTIONS = 1000
# Same length as the input, so match offsets stay valid in the original text.
NORMALIZE = str.maketrans({"_": " ", "\u00a0": " ", "\u202f": " ", "\t": " "})


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
    sold: Sold | None = None  # what the sales, price or order unit says one article is

    @classmethod
    def read(cls, text: str) -> "Sheet":
        # Only the head of a huge text is searched: the weight of a spec sheet is stated
        # in its first pages, and the work must stay bounded for hostile input.
        norm = text[:MAX_SCAN_CHARS].translate(NORMALIZE)
        title = title_line(norm)
        decimal_comma = uses_decimal_comma(norm)
        mentions = find_mentions(norm, decimal_comma)[:_MAX_MENTIONS]
        by_length = sold_by_length(norm, any(m.per_length for m in mentions))
        # The article is a container when its title or its sales unit names one, unless
        # the sales or price unit is one piece ("pack of 10" then is how it is delivered).
        unglued = unglue(norm)  # OCR: "Unidaddeventa", "Boxof10"
        sold = sold_as(unglued)
        named = [sold.kind] if sold and sold.kind else []
        title_kinds = frozenset(named if sold and sold.single else kinds_in(title) + named)
        return cls(
            text=norm,
            decimal_comma=decimal_comma,
            mentions=mentions,
            title=title,
            title_end=norm.find(title) + len(title),
            title_tokens=title_tokens(norm),
            title_text=title_text(norm),
            title_kinds=title_kinds,
            by_length=by_length,
            contents=Contents(statements(unglued, decimal_comma, by_length), title_kinds),
            piece_metres=piece_metres(norm, decimal_comma),
            sold=sold,
        )
