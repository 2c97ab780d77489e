"""Articles that are one piece of goods otherwise weighed by the metre: a bar cut to
1200 mm, a hose section of 7.5 m, an endless belt of 12 m. Their unit weight is the
weight per metre times the piece's length, when the sheet states that length as the
article's ("cut to", "Zuschnittlänge", "tronçon de", "barra de 6 m"), not as a stock
length or a dimension of the cross-section."""

import re

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.lengths import SOLD_BY_LENGTH, metres_of
from cost_model_service.analysis.rules.tables import line_bounds

_LENGTH = (
    r"(?P<number>\d{1,3}(?:[.,' ]\d{3})+(?![.,]?\d)|\d+(?:[.,]\d+)?)[ \t]*(?:\|[ \t]*)?"
    r"(?P<unit>mm|cm|m|mtr|metres?|meters?|metros?|m[èe]tres?|metri|ft|feet)"
    r"(?![^\W\d_]|[²³/]|[ \t]*[x\u00d7*][ \t]*\d)"
)
# "cut to 1200 mm", "Zuschnitt auf 2.350 mm", "cortado a 3.000 mm", "taglio a misura
# 1200 mm", "tronçon de 7,5 m", "tramo sin fin de 12 m", "barra de 6 m", "piece of 3 m".
_CUT = (
    r"cut[ ]lengths?[ ]of|cut(?:[ ]to(?:[ ]length)?|[ ]at)?|zuschnitt(?:[ ]auf)?|abschnitt|"
    r"gek[üu]rzt[ ]auf|corte[ ]a(?:[ ]medida)?|"
    r"abgel[äa]ngt(?:[ ]auf)?|(?:ges[äa]gt|geschnitten)[ ]auf|mise?[ ]à[ ]longueur(?:[ ]de)?|"
    r"cortad[oa][ ]a(?:[ ]medida)?|taglio[ ]a[ ]misura|tagliat[oa][ ]a|"
    r"coup[ée]e?s?[ ]à(?:[ ]longueur)?|(?<!de[ ])coupe|tron[çc]on[ ]de|tramo(?:[ ]sin[ ]fin)?[ ]de|"
    r"(?:barra|barre|pieza|pi[èe]ce|pezzo|spezzone|tronco)[ ](?:de|da|di)|"
    r"(?:bar|piece|section|length)[ ]of|"
    r"st[üu]ck[ ](?:von|zu)|stange[ ](?:von|zu)"
)
# A label naming the piece's length: "Zuschnittlänge", "Lunghezza di taglio", "Cut length".
_CUT_LABEL = (
    r"zuschnittl[äa]nge|schnittl[äa]nge|st[üu]ckl[äa]nge|bestell+[äa]nge|cut(?:ting)?[ ]length|"
    r"piece[ ]length|bar[ ]length|length[ ]of[ ](?:the[ ])?(?:piece|cut|bar|section)|"
    r"lunghezza[ ](?:di[ ]taglio|del[ ]pezzo|della[ ]barra)|longueur[ ](?:de[ ]coupe|"
    r"du[ ]tron[çc]on|de[ ]la[ ](?:pi[èe]ce|barre)|coup[ée]e)|longitud[ ](?:de[ ]corte|"
    r"de[ ]la[ ](?:pieza|barra)|del[ ]tramo)|"
    # A length word and a cut word in either order, a connector between or none, as
    # column keys are built: "lunghezza_taglio_mm", "Länge Zuschnitt", "longitud corte".
    r"(?:l(?:[äa]|ae)nge|length|longueur|longitud|lunghezza)[ ]"
    r"(?:(?:of|de|di|del|des|du|der|the)[ ])?(?:zuschnitt|abschnitt|cut|coupe|corte|taglio)|"
    r"(?:taglio|corte|coupe|cut|zuschnitt)[ ]"
    r"(?:l(?:[äa]|ae)nge|length|longueur|longitud|lunghezza)"
)
# After the length: "25 m (cut piece)", "3,5 m Zuschnitt", "2 m spezzone".
_CUT_AFTER = (
    r"cut(?:[ ]piece|[ ]to[ ]length)?|zuschnitt|abschnitt|tron[çc]on|tramo|spezzone|"
    r"pezzo[ ]tagliato|corte"
)
# A label may carry a word or two more: "cut length supplied | 15 | m".
CUT_LABEL = _CUT_LABEL
PIECE = re.compile(
    rf"(?<![^\W_])(?:(?:{_CUT})[ \t]*[:=]?[ \t]*\(?[ \t]*|"
    rf"(?:{_CUT_LABEL})(?:[ \t]+[^\W\d_]+){{0,2}}[ \t]*[:=|]?[ \t]*)"
    rf"{_LENGTH}",
    re.IGNORECASE,
)
_NOT_ACROSS = r"(?<![Øø∅x\u00d7])(?<![Øø∅x\u00d7] )"  # a diameter, a cross-section: "Ø 20 mm"
_PIECE_AFTER = re.compile(
    rf"{_NOT_ACROSS}{_LENGTH}[ \t(]*(?:{_CUT_AFTER})(?![^\W\d_])", re.IGNORECASE
)
# A plain length, "L = 1250 mm" or "Länge: 2,4 m" opening a line or cell, is the piece's
# only on a sheet about a piece cut to length ("cut to length", "Zuschnitt", "coupe") or
# on the order line itself; elsewhere it may be a stock length or a dimension.
# "Longueur commandée : 4 m", "Bestellte Länge", "ordered length", "longitud pedida".
# The delivered length is the article's too: "Longueur livrée", "delivered length",
# "gelieferte Länge", "longitud suministrada", "lunghezza fornita" (OCR may glue them),
# "supplied length", "longueur fournie" (issue 14, round T/S).
_ORDERED_WORD = (
    r"command[ée]e?|ordered|bestellt\w*|pedid[oa]|ordinat[oa]|del[ ]pezzo|livr[ée]e?|"
    r"delivered|supplied|geliefert\w*|suministrad[oa]|entregad[oa]|fornit[oa]|consegnat[oa]|"
    r"fournie?"
)
_LENGTH_LABEL = re.compile(
    rf"(?:(?<![^\W_])(?-i:L)|(?:^|[|,;])[ \t*]*(?:(?P<own>{_ORDERED_WORD})[ \t]+)?"
    rf"(?:l[äa]nge|length|longueur|longitud|lunghezza)"
    rf"(?:[ \t]*(?P<after>{_ORDERED_WORD}))?)(?:[ \t*]*[=:|][ \t*]*|[ \t*]+){_LENGTH}",
    re.IGNORECASE | re.MULTILINE,
)
_CUT_HINT = re.compile(
    # A thermal cut-out or cut-off is a device's, not a cut piece.
    r"(?<![^\W_])(?:cut(?![ -]?(?:out|off)(?![^\W\d_]))|zuschnitt|abschnitt|abgel[äa]ngt|"
    r"coup[ée]e?|tron[çc]on|tramo|corte|"
    r"cortad[oa]|taglio|tagliat[oa]|sur[ ]mesure|a[ ]medida|su[ ]misura|auf[ ]ma[ßs])"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
# On the order line: "1 Stück à 1,2 m", "2 pcs of 1.5 m", "3 pezzi da 2 m".
_COUNTED = re.compile(
    r"(?<![^\W_])(?:st[üu]ck|stk|pcs|pieces?|pz|pezz[io]|piezas?|pi[èe]ces?|uds?)\.?[ \t]+"
    rf"(?:à|a|zu|je|of|da|di|de)[ \t]+{_LENGTH}",
    re.IGNORECASE,
)
CUT_HINT = _CUT_HINT.pattern
_LONG = re.compile(
    rf"{_NOT_ACROSS}{_LENGTH}[ \t]+(?:long|lang|lung[oa]|de[ \t]+(?:long|largo|longitud))\b",
    re.IGNORECASE,
)
_LEADER = re.compile(r"[.…·_]{3,}")
_GLUED = re.compile(r"(?<=[a-zäöüß])(?=[A-ZÄÖÜ][a-zäöü])|(?<=\d)(?=[A-ZÄÖÜ][a-zäöü])")


def piece_metres(text: str, decimal_comma: bool) -> float | None:
    """The length of the one piece the article is, in metres, when the sheet states it
    (the first statement: the title and the sales unit come first)."""
    # Markdown emphasis ("cut length **2,500 mm**") is blanked by sheet.normalized. Dot
    # leaders ("Zuschnitt ...... 1 Stück à 1500 mm") are no words either, and OCR glues
    # words ("1StuckZuschnitt2400mm"): a capital after a small letter starts one.
    text = _LEADER.sub(lambda m: " " * len(m.group()), text)
    text = _GLUED.sub(" ", text)
    # On a sheet sold by the metre, "1 m (cut to length from drum)" is the sales unit.
    after = None if SOLD_BY_LENGTH.search(text) else _PIECE_AFTER.search(text)
    stated = [m for m in (PIECE.search(text), after) if m]
    match = min(stated, key=lambda m: m.start()) if stated else _labelled_length(text)
    if match is None:
        return None
    metres = metres_of(match, decimal_comma)
    return metres if 0 < metres <= 1000 else None


_STATED = re.compile(rf"{_NOT_ACROSS}(?<![\w.,]){_LENGTH}", re.IGNORECASE)


def title_piece_metres(title_text: str, text: str, decimal_comma: bool) -> float | None:
    """On a sheet whose title or order line says the article is cut to length, the
    length that block states is the piece's ("Order item: HGR20-R-0860 (rail only, 860
    mm)"): the longest one, as the sides of a cross-section are shorter; at least 0.1 m."""
    if not about_a_cut_piece(title_text, text):
        return None
    found = [metres_of(m, decimal_comma) for m in _STATED.finditer(title_text)]
    longest = max(found, default=0.0)
    return longest if 0.1 <= longest <= 1000 else None


def about_a_cut_piece(title_text: str, text: str) -> bool:
    """The title or order line says the article is a piece cut to length, and the sheet
    does not say it sells by the metre: the weight per metre is never the piece's, whether
    or not its length was found."""
    return bool(_CUT_HINT.search(title_text)) and not SOLD_BY_LENGTH.search(text)


def _labelled_length(text: str) -> re.Match[str] | None:
    if SOLD_BY_LENGTH.search(text):
        return None  # sold by the metre: a length is a roll's or a stock length
    for match in _COUNTED.finditer(text):
        start, end = line_bounds(text, match.start())
        line = text[start:end]  # "Pos. 1: 2 Stück à 1,2 m", "Zuschnitt: 1 Stück à 1500 mm"
        if vocab.ORDERED.search(line) or _CUT_HINT.search(line):
            return match
    about_a_cut_piece = bool(_CUT_HINT.search(text))
    for match in _LENGTH_LABEL.finditer(text):
        start, end = line_bounds(text, match.start())
        named = match.group("own") or match.group("after")  # "Longueur livrée | 25 m"
        if about_a_cut_piece or named or vocab.ORDERED.search(text[start:end]):
            return match
    # "HEA 100, 4.5 m long", "4,5 m lang", "lungo 4,5 m" on a sheet about a cut piece.
    # The cut is said on its line or in the title ("cut-off frequency" elsewhere is not).
    long = _LONG.search(text)
    line = text[slice(*line_bounds(text, long.start()))] if long else ""
    title = text.lstrip().split("\n", 1)[0]
    return long if long and _CUT_HINT.search(f"{title} {line}") else None
