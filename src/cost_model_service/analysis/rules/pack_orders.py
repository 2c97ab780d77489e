"""An order counted in the container the sales unit names ("Quantità ordinata | 6
confezioni", "Ordered quantity: 6 boxes", "Bestellmenge: 4 Kartons", "Quantité commandée :
3 boîtes", "Cantidad pedida: 6 cajas"): the container is the unit ordered, so its weight is
the article's, not a pack weight to divide by the pieces it holds. Without such an order,
"Sales unit: box of 200" with "Net weight per box" still weighs 200 pieces."""

import re

from cost_model_service.analysis.rules.containers import CONTAINER, kind_of
from cost_model_service.analysis.rules.unit_of_sale import SALES_UNIT

_ORDER_WORD = r"order\w*|ordinat\w*|ordin[ei]|bestell\w*|command[ée]\w*|pedid[oa]s?|encomend\w*"
_ORDERED = re.compile(
    rf"(?<![^\W_])(?:{_ORDER_WORD})(?![^\W_])[^\n\d]{{0,30}}?"
    rf"(?<![\w.,])\d{{1,5}}[ \t]*(?P<what>{CONTAINER})",
    re.IGNORECASE,
)
# "Order unit: 1 box of 200", "Bestelleinheit", "unità di ordine" name the sales unit, not
# an order placed: blanked before the search.
_UNIT_NAME = re.compile(rf"(?<![^\W_])(?:{SALES_UNIT})", re.IGNORECASE)


def ordered_in(text: str, kind: str) -> bool:
    """The text counts an order in containers of this kind."""
    return any(
        kind_of(match["what"]) == kind
        for match in _ORDERED.finditer(_UNIT_NAME.sub(" ", text[:20_000]))
    )
