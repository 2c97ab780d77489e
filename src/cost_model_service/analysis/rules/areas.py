"""The area of one sheet, plate or panel, for a weight stated per m² ("Masse surfacique
15,9 kg/m²"): the size its sales unit, a line naming what is sold or its title states
("Format de la feuille vendue : 1000 x 2000 mm"). Sides under 100 mm are a cross-section
or a tape's width, and three sides ("1200 x 600 x 40") are left alone."""

import re

from cost_model_service.analysis.rules.article_size import SALES_LABEL
from cost_model_service.analysis.rules.lengths import to_metres
from cost_model_service.analysis.rules.tables import cells, table_rows
from cost_model_service.analysis.rules.unit_of_sale import SALES_UNIT, SOLD_AS, Sold

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


# A flat piece sold whole: "1 tôle", "per sheet", "je Tafel", "por chapa", "a lastra".
_SHEET = re.compile(
    r"(?<![^\W_])(?:sheets?|plates?|panels?|boards?|blech\w*|tafeln?|platten?|paneele?|"
    r"t[ôo]les?|feuilles?|plaques?|panneaux?|chapas?|planchas?|placas?|l[áa]minas?|paneles|"
    r"lamier[ae]|lastr[ae]|fogli[o]?|pannell[oi])(?![^\W_])",
    re.IGNORECASE,
)
# A labelled size: "Format de la tôle | 1250 x 2500 mm", "Format: 1000 x 2000 mm (one
# sheet)", "Sheet size: ...", "Tafelgröße", "Formato lastra", "Medidas de la chapa".
_FORMAT = re.compile(
    r"^[ \t]*(?P<label>[^\n:|=]{0,40}?(?:format\w*|size|gr[öo](?:ß|ss)e|abmessung\w*|"
    r"dimensions?|dimension[ei]s?|medidas?|misur[ae])[^\n:|=\d]{0,30})[:|=][ \t]*(?P<value>[^\n]*)",
    re.IGNORECASE | re.MULTILINE,
)


def sale_area(text: str, decimal_comma: bool, sold: Sold | None = None) -> float | None:
    """sale_area_stated, or the labelled format of a flat piece sold whole."""
    stated = sale_area_stated(text, decimal_comma)
    return (
        stated or format_area(text, decimal_comma, sold) or format_column_area(text, decimal_comma)
    )


# An export's size column, its unit maybe in the header: "format_mm", "Abmessung (mm)".
_SIZE_HEAD = re.compile(
    r"(?<![^\W_])(?:format\w*|size|gr[öo](?:ß|ss)e|abmessung\w*|dimensions?|medidas?|"
    r"misur[ae]|formato)(?:[ _(]+(?P<unit>mm|cm|m)\)?)?[ \t]*$",
    re.IGNORECASE,
)
_SALES_HEAD = re.compile(rf"(?<![^\W_])(?:{SALES_UNIT})", re.IGNORECASE)


def format_column_area(text: str, decimal_comma: bool) -> float | None:
    """The area in an export's size column ("format_mm | 1000x2000") of a row whose
    sales-unit column names a flat piece ("unite_vente | TOLE", "uom | PANEL"): the
    record sells that one sheet or panel (issue 14, round T/S)."""
    for header, _, line in table_rows(text):
        row = cells(line)
        if len(row) != len(header):
            continue
        pairs = list(zip(header, row, strict=True))
        if not any(_SALES_HEAD.search(h) and _SHEET.fullmatch(v.strip()) for h, v in pairs):
            continue
        for head, value in pairs:
            size = _SIZE_HEAD.search(head)
            unit = size.group("unit") or "" if size else ""
            area = _area(f"{value} {unit}", decimal_comma) if size else None
            if area:
                return area
    return None


def format_area(text: str, decimal_comma: bool, sold: Sold | None) -> float | None:
    """The area a labelled format gives ("Format de la tôle | 1250 x 2500 mm") when one
    sheet, plate or panel is sold: the unit of sale is one piece and the sales unit, the
    format's line or the title names the flat piece ("Unité de vente | 1 tôle", "Price
    unit: per sheet", "(one sheet)"). Sold per m², by length or in packs: no such piece."""
    if sold is None or not sold.single:
        return None
    how = SOLD_AS.search(text)
    title = text.lstrip().split("\n", 1)[0]
    named = bool(how and _SHEET.search(how.group("what"))) or bool(_SHEET.search(title))
    for line in _FORMAT.finditer(text):
        area = _area(line.group("value")[:80], decimal_comma)
        if area and (named or _SHEET.search(line.group(0))):
            return area  # not "Mesh size: 30 x 30 mm", a hole's
    return None


def sale_area_stated(text: str, decimal_comma: bool) -> float | None:
    """The article's area in m² when its sales unit, a line naming what is sold ("Format
    de la feuille vendue : 1000 x 2000 mm") or the title ("Tôle 2 mm 1000 x 2000 mm")
    states its size; sides under 100 mm are a cross-section, not a sheet."""
    match = SALES_LABEL.search(text) or _SOLD.search(text)
    head = "\n".join(text.lstrip().split("\n", 2)[:2])
    for where in (match.group("value")[:160] if match else "", head):
        area = _area(where, decimal_comma)
        if area:
            return area
    return None


def _area(where: str, decimal_comma: bool) -> float | None:
    size = SIZE.search(where)
    if size is None:
        return None
    a = to_metres(size.group("a"), size.group("unit"), decimal_comma)
    b = to_metres(size.group("b"), size.group("unit"), decimal_comma)
    return a * b if min(a, b) >= 0.1 and a * b <= 100 else None
