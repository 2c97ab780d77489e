"""Goods sold by length (cable, webbing, tube, profile): the unit is one metre.

Whether a sheet sells by the metre decides how a roll or drum weight, or "weight of 100 m",
is read: on such a sheet it is divided by the length it holds; elsewhere the roll may be the
article itself ("Tape 19 mm x 33 m", sold per roll).
"""

import re

from cost_model_service.analysis.rules.numbers import parse_number
from cost_model_service.analysis.rules.tables import cells, table_rows
from cost_model_service.analysis.rules.unit_of_sale import SALES_UNIT

_METRE_WORDS = (
    r"m|mtr|lfm|lm|mb|metres?|meters?|metros?|m[èe]tres?|metri|metr(?:y|[óo]w)?|"
    r"foot|feet|ft|yards?|yd"
)
_METRE = rf"(?:{_METRE_WORDS})(?![^\W\d_]|[²³/])"
# Where the unit of sale is stated: "Sales unit: per metre", "Unidad de venta | metro".
_SALES = (
    rf"{SALES_UNIT}|sold|supplied|verkauft|se[ ]vende|vendid[oa]|vendue?|vendut[oa]|"
    r"sprzedawan\w*|sprzeda[żz]|verkocht|"
    # Billed per metre is sold per metre: "Abrechnung | je lfm", "facturé au mètre".
    r"abrechnung\w*|abgerechnet|(?:billing|invoicing)(?:[ ]unit)?|billed|invoiced|"
    r"factur[ée]e?|facturation|facturad[oa]|facturaci[óo]n|fatturat[oa]|fatturazione"
)
_CONNECT = r"(?:[\s|:,-]*(?:by|per|in|au|à|al|a|por|pro|je|na|za|the|le|la|el|il|een|1)\b\.?)*"
_PIECE_WORDS = (
    r"pieces?|pcs|pc|each|ea|items?|st[üu]ck|stk|pi[èe]ces?|piezas?|unidad(?:es)?|"
    r"pezz[oi]|sztuk[ai]?|szt|stuks?|bars?|lengths?"
)
SOLD_BY_LENGTH = re.compile(
    rf"(?<![^\W_])(?:(?:{_SALES})\W{{0,4}}{_CONNECT}[\s|:]*(?:linear\s+|running\s+)?{_METRE}"
    r"|by\s+the\s+(?:metre|meter|foot|yard)|metro\s+line(?:al|are)|m[èe]tre\s+lin[ée]aire"
    r"|laufende[rn]?\s+meter|meterware|metr\w*\s+bie[żz]\w*|strekkende\s+meter"
    r"|(?:vente|vendu|venta|vendita|venduto)\s+(?:au|al|por)\s+m"
    r"|(?:price|preis|prix|precio|prezzo|cena|prijs)\s+(?:per|pro|je|au|por|al|za)\s+"
    rf"{_METRE}|(?:€|eur|usd|gbp|chf|pln|zł|\$|£)\s*/\s*(?:m|lfm|mtr|metre|meter)\b)",
    re.IGNORECASE,
)
SOLD_BY_PIECE = re.compile(
    rf"(?<![^\W_])(?:{_SALES})\W{{0,4}}{_CONNECT}[\s|:]*(?:{_PIECE_WORDS})(?![^\W\d_])",
    re.IGNORECASE,
)
# A length: "100 m", "0,5 km", "500 ft" (not "mm", "m²", "m/s").
LENGTH = re.compile(
    r"(?<![\w.,])(?P<number>\d+(?:[.,]\d+)?)[ \t]*(?P<unit>km|" + _METRE_WORDS + r")"
    r"(?![^\W\d_]|[²³/]|[ \t]*[x\u00d7*])",
    re.IGNORECASE,
)
_TO_METRES = {
    "mm": 0.001, "cm": 0.01, "km": 1000.0, "ft": 0.3048, "foot": 0.3048, "feet": 0.3048,
    "yd": 0.9144,
}  # fmt: skip


def says_sold_by_length(text: str) -> bool:
    """The sheet says it sells by the metre, in a line or in a table cell under a header
    that names the unit of sale ("Abrechnung" over "je lfm")."""
    if SOLD_BY_LENGTH.search(text):
        return True
    for key in _KEY_VALUE.finditer(text[:_KEY_SCAN]):  # "um: M", "articulo.um: MTR"
        if _metre_uom(key["key"].rpartition(".")[2], key["value"]):
            return True
    for header, _, line in table_rows(text):
        pairs = zip(header, cells(line), strict=False)
        if any(
            SOLD_BY_LENGTH.match(f"{head}: {cell}") or _metre_uom(head, cell)
            for head, cell in pairs
        ):
            return True
        break  # the first row: one article per sheet
    return False


# An export's unit-of-measure column ("UM | M", "ME | m", "UoM | MTR"): quantities and
# prices count metres.
_UOM_HEAD = re.compile(
    r"\s*(?:uom|u\.?o\.?m\.?|u\.?m\.?|udm|me|bme|basismengeneinheit|unidad de medida|"
    r"unit of measure|unit[ée] de mesure|unit[àa] di misura)\s*",
    re.IGNORECASE,
)
_METRE_CELL = re.compile(rf"\s*(?:{_METRE_WORDS})\.?\s*", re.IGNORECASE)
_KEY_VALUE = re.compile(r"^[ \t]*(?P<key>[^\s:|][^:|\n]{0,60}?):[ \t]*(?P<value>[^\n]*)$", re.M)
_KEY_SCAN = 20_000  # bounded: an export's fields open the text


def _metre_uom(head: str, cell: str) -> bool:
    return bool(_UOM_HEAD.fullmatch(head) and _METRE_CELL.fullmatch(cell))


def sold_by_length(text: str, has_weight_per_length: bool) -> bool:
    """Whether the sheet sells by the metre: said so, or it states a weight per metre and
    does not say it sells by the piece (a profile cut to 1500 mm bars is sold per bar)."""
    if says_sold_by_length(text):
        return True
    return has_weight_per_length and not SOLD_BY_PIECE.search(text)


def to_metres(number: str, unit: str, decimal_comma: bool) -> float:
    """A length in metres: "1'500" or "1 500" mm, "2,5" m, "0,5" km, "500" ft; any other
    metre spelling ("mtr", "metri") is one metre."""
    unit = unit.lower()
    factor = _TO_METRES.get(unit, 0.9144 if unit.startswith("yard") else 1.0)
    return parse_number(number.replace("'", "").replace(" ", ""), decimal_comma) * factor


def metres_of(match: re.Match[str], decimal_comma: bool) -> float:
    return to_metres(match.group("number"), match.group("unit"), decimal_comma)


def length_in(text: str, decimal_comma: bool) -> float | None:
    """The last length stated in a label ("Weight of 100 m", "Peso del rollo de 100 m")."""
    matches = list(LENGTH.finditer(text))
    metres = metres_of(matches[-1], decimal_comma) if matches else 0.0
    return metres if metres > 0 else None
