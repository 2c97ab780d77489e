"""The area of one sheet, plate or panel, for a weight stated per m² ("Masse surfacique
15,9 kg/m²"): the size its sales unit, a line naming what is sold or its title states
("Format de la feuille vendue : 1000 x 2000 mm"). Sides under 100 mm are a cross-section
or a tape's width, and three sides ("1200 x 600 x 40") are left alone."""

import re

from cost_model_service.analysis.rules.article_size import SALES_LABEL
from cost_model_service.analysis.rules.lengths import to_metres

# A size of two sides: "1000 x 2000 mm", "1,25 x 2,5 m".
SIZE = re.compile(
    r"(?<![\w.,x\u00d7*])(?P<a>\d+(?:[.,]\d+)?)[ \t]*(?:mm|cm|m)?[ \t]*[x\u00d7*][ \t]*"
    r"(?P<b>\d+(?:[.,]\d+)?)[ \t]*(?P<unit>mm|cm|m)(?![^\W\d_]|[ \t]*[x\u00d7*][ \t]*\d)",
    re.IGNORECASE,
)
# Words for an area mass, which elsewhere mark a grammage distractor.
AREA_MASS = re.compile(
    r"grammage|grammatur|fl[äa]chengewicht|basis[ ]weight|gramaje|grammatura", re.IGNORECASE
)
# "Format de la feuille vendue : ...", "Formato vendido: ...", "sold: ...".
_SOLD = re.compile(
    r"(?<![^\W_])(?:vendu\w*|sold|verkauft\w*|vendid\w*|vendut\w*)\b[^\n:|]{0,20}[:|]"
    r"[ \t*]*(?P<value>[^\n]*)",
    re.IGNORECASE,
)


def sale_area(text: str, decimal_comma: bool) -> float | None:
    """The article's area in m² when its sales unit, a line naming what is sold ("Format
    de la feuille vendue : 1000 x 2000 mm") or the title ("Tôle 2 mm 1000 x 2000 mm")
    states its size; sides under 100 mm are a cross-section, not a sheet."""
    match = SALES_LABEL.search(text) or _SOLD.search(text)
    head = "\n".join(text.lstrip().split("\n", 2)[:2])
    for where in (match.group("value")[:160] if match else "", head):
        size = SIZE.search(where)
        if size is None:
            continue
        a = to_metres(size.group("a"), size.group("unit"), decimal_comma)
        b = to_metres(size.group("b"), size.group("unit"), decimal_comma)
        if min(a, b) >= 0.1 and a * b <= 100:
            return a * b
    return None
