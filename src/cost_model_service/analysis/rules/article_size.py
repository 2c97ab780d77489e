"""The length or area of one article stated where the sheet says what it sells: the sales
unit ("Sales unit: roll of 50 m", "Unità di vendita: barra intera da 6 m", "unidad de
venta: rollo de 100 m"), the length of the roll or bar the sales unit names ("Unità di
vendita: rotolo" beside "Lunghezza rotolo: 10 m"), or a table column of the cut length
("Longueur de coupe (mm) | 1250"). A weight per metre times this is the article's.

A length inside the sales unit is the article's when the unit is not the metre itself;
a cross-section ("40 x 40 x 2", "Ø 15") never is, and a stock length elsewhere is not read.
"""

import re

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.containers import LENGTH_KINDS, kinds_in
from cost_model_service.analysis.rules.lengths import metres_of, to_metres
from cost_model_service.analysis.rules.tables import cells, table_rows
from cost_model_service.analysis.rules.unit_of_sale import SALES_UNIT

# A labelled sales unit (a noun, not the verb "sold": "supplied with a 2 m cable" says
# nothing of the unit), also as a key path: "sales.unit", "venta.unidad", "vente.unité".
SALES_LABEL = re.compile(
    rf"(?<![^\W_])(?:{SALES_UNIT})(?![^\W\d_])[^\n:=|]{{0,30}}[:=|][ \t*]*(?P<value>[^\n]*)",
    re.IGNORECASE,
)
_UNIT = r"(?P<unit>mm|cm|m|mtr|metres?|meters?|metros?|m[èe]tres?|metri|ft|feet)"
_NUMBER = r"(?P<number>\d{1,3}(?:[.,' ]\d{3})+(?![.,]?\d)|\d+(?:[.,]\d+)?)"
# A length that is not a side of a cross-section or a size: not after Ø or "x", not
# before "x" ("40 x 40 x 2 mm", "Ø 15 x 1 mm", "1000 x 2000 mm").
_ACROSS = r"(?<![Øø∅x\u00d7*])(?<![Øø∅x\u00d7*][ \t])"
LENGTH = re.compile(
    rf"{_ACROSS}(?<![\w.,]){_NUMBER}[ \t]*(?:\|[ \t]*)?{_UNIT}"
    r"(?![^\W\d_]|[²³/]|[ \t]*[x\u00d7*][ \t]*\d)",
    re.IGNORECASE,
)
# The sales unit is the metre: "1 m", "Meter", "per metre", "metro lineal", "the metre"
# (not "100 m": a coil of 100 m).
_METRE_FIRST = re.compile(
    r"^\W*(?:1(?:[.,]0+)?[ \t]*)?(?:(?:per|by|the|au|al|por|pro|je|a|à|le|el|il|un|1)[ \t]+)*"
    r"(?:m|mtr|lfm|lm|metres?|meters?|metros?|m[èe]tres?|metri|metro|foot|feet|ft)(?![^\W\d_])",
    re.IGNORECASE,
)
# "Lunghezza rotolo: 10 m", "roll length 50 m", "Rollenlänge: 25 m", "longitud del rollo",
# "rollo.longitud_m: 50", "Lunghezza barra | 6 m": the length of the container or bar.
_LENGTH_WORD = r"l[äa]nge|length|longueur|longitud|lunghezza"


def sales_unit_value(text: str) -> str | None:
    match = SALES_LABEL.search(text)
    return match.group("value")[:160] if match else None


def sold_per_metre(value: str) -> bool:
    return bool(_METRE_FIRST.match(value))


def sale_metres(text: str, decimal_comma: bool) -> float | None:
    """The article's length from its sales unit, or from the length stated for the roll,
    coil, reel, drum or bar the sales unit names."""
    value = sales_unit_value(text)
    if value is None or sold_per_metre(value):
        return None
    value = value.split("|")[0]  # its own cell, not the row's next
    length = LENGTH.search(value)
    before = value[: length.start()] if length else ""
    if vocab.WITH_EXTRAS.search(before) and not kinds_in(before):
        return None  # "1 sensor with 5 m cable": a part's length ("box with 5 m" holds it)
    if length:
        return _metres(length, decimal_comma)
    kinds = [kind for kind in kinds_in(value) if kind in LENGTH_KINDS]
    if not kinds and not re.match(r"[\W\d]*(?:bar|barra|barre|stange|stab)\b", value, re.I):
        return None
    return container_length(text, decimal_comma)


# Goods wound on a roll or coil the title names with its length: "Tubo rame - rotolo 50 m",
# "NYM-J 3x1,5 Ring 100 m", "100 m coil". Reels and drums are left out: a "cable reel"
# is also a device.
_WOUND = (
    r"(?:rolls?|rollen?|rollos?|rouleaux?|rotol[oi]|coils?|couronnes?|ringe?|matass[ae]|"
    r"bars?|barr[ae]s?|barras|stangen?|st[äa]be?)"  # a whole bar: "Piatto 40x5 - barra 3 m"
)
_WOUND_FIRST = re.compile(
    rf"(?<![^\W_]){_WOUND}(?:[ \t]+(?:of|de|da|di|von|mit|zu|con|à|a))?[ \t:=-]*{LENGTH.pattern}",
    re.IGNORECASE,
)
_LENGTH_FIRST = re.compile(
    rf"{LENGTH.pattern}[ \t]+(?:[^\W\d_]+[ \t]+)?{_WOUND}(?![^\W\d_])", re.IGNORECASE
)


def title_metres(title: str, decimal_comma: bool) -> float | None:
    """The length of the roll or coil the title names as the article."""
    match = _WOUND_FIRST.search(title) or _LENGTH_FIRST.search(title)
    if match is None or match.group("unit").lower() in ("mm", "cm"):
        return None  # "Round bar 25 mm", "Tape roll 19 mm": a diameter or a width
    return _metres(match, decimal_comma)


def column_metres(text: str, decimal_comma: bool, label: str, cut: str) -> float | None:
    """A cut length in a table column whose header names it: "Longueur de coupe (mm) |
    1250", "cut_length_mm | 2500"; or a plain "Length" column in a row that says the piece
    is cut ("Tube 20x2 coupé | 1500 mm"). The first row: one article per sheet."""
    for header, _, line in table_rows(text):
        cut_row = re.search(cut, line, re.IGNORECASE)
        for head, cell in zip(header, cells(line), strict=False):
            unit = re.search(r"(?:[(\[]|(?<=[ _]))(mm|cm|m)[)\]]?[ \t]*$", head, re.I)
            value = re.fullmatch(r"(\d+(?:[.,]\d+)?)[ \t]*(mm|cm|m)?", cell, re.IGNORECASE)
            named = re.search(label, head, re.IGNORECASE) or (
                cut_row and re.fullmatch(rf"(?:{_LENGTH_WORD})\b[^|]{{0,8}}", head, re.I)
            )
            spelled = value.group(2) if value else None
            spelled = spelled or (unit.group(1) if unit else None)
            if value and named and spelled:
                metres = to_metres(value.group(1), spelled, decimal_comma)
                return metres if 0 < metres <= 1000 else None
    return None


def container_length(text: str, decimal_comma: bool) -> float | None:
    head = rf"(?<![^\W_])(?:{_LENGTH_WORD})[ .]?(?:(?:de[l]?|du|of|the|della|dello|des)[ ])*"
    owner = (
        r"(?:rol\w*|rouleau\w*|rotol\w*|coil|couronne|matass\w*|ring|reel|spool|spule|bobin\w*|"
        r"drum|trommel|tambor|touret|tambur\w*|barr?[ae]?|stange|stab)"
    )
    pattern = re.compile(
        rf"(?:{head}{owner}|(?<![^\W_]){owner}(?:n|en|s)?[ .]?(?:{_LENGTH_WORD}))"
        rf"(?:[ .]?(?P<keyunit>mm|m)\b)?[^\n\d]{{0,12}}?{_NUMBER}[ \t]*(?:\|[ \t]*)?{_UNIT}?",
        re.IGNORECASE,
    )
    match = pattern.search(text)
    if match is None or not (match.group("unit") or match.group("keyunit")):
        return None
    unit = (match.group("unit") or match.group("keyunit")).lower()
    metres = to_metres(match.group("number"), unit, decimal_comma)
    return metres if 0 < metres <= 1000 else None


def stated_length(label: str, decimal_comma: bool) -> float | None:
    """The last length a label states, in metres, when it is long enough to be a bar's or
    a piece's (0.1 m or more) and not a side of a cross-section ("40 x 5 mm", "Ø 20 mm")."""
    matches = list(LENGTH.finditer(label))
    metres = _metres(matches[-1], decimal_comma) if matches else None
    return metres if metres and metres >= 0.1 else None


def _metres(match: re.Match[str], decimal_comma: bool) -> float | None:
    metres = metres_of(match, decimal_comma)
    return metres if 0 < metres <= 1000 else None
