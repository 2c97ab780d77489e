"""Values listed under a heading that names what they are: "Weight by size:" over
"Size 40 ..... 600 g" / "Size 42 ..... 640 g". The heading labels every item of its list,
as a column header labels every cell of its column."""

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.tables import line_bounds, previous_line

_MAX_ITEMS = 30


def list_heading(text: str, pos: int) -> str:
    """The heading ending in ':' over `pos`'s list, when it names a weight; '' otherwise.
    The list runs up without a blank line, every item holding a number."""
    start, _ = line_bounds(text, pos)
    top = start
    for _ in range(_MAX_ITEMS):
        above_start, above = previous_line(text, top)
        if above_start == top or text[above_start + len(above) : top].count("\n") > 1:
            return ""  # the top of the text, or a blank line: no heading
        if above.rstrip().endswith(":"):
            return above.strip() if vocab.WEIGHT.search(above) and "|" not in above else ""
        if "|" in above or not any(char.isdigit() for char in above):
            return ""  # not an item of the same list
        top = above_start
    return ""
