"""Words OCR glued together in a label: "Pesobrutocaja", "Boxof10.grossweight",
"Poids pour100sacs", "Unidaddeventa". A token that splits entirely into the words a weight,
pack or sales-unit label is made of (and numbers) is spaced out again, so the label rules
read it; any other token ("Rigidezdieléctrica") is left as it is.
"""

import re

from cost_model_service.analysis.rules.containers import CONTAINER

# The words such labels are built from (en es fr it; German compounds are glued by right,
# "Bruttogewicht", and stay whole). Longer alternatives first where one starts another.
_CONTENT = (
    r"weight|peso|poids|masse|massa|masa|wt|"
    # A cable's weight on another article's sheet: "Suitable cableweight | 48 kg/km".
    r"cable|c[âa]ble|cavo|"
    r"net|neto|netto|netta|nette|gross|bruto|brut|lordo|total|totale|"
    r"pcs|pieces|piece|units|unit|pezzi|pezzo|pi[eè]ces|pi[eè]ce|piezas|pieza|unidades|"
    r"unidad|uds|pz|st[üu]ck|stk|sales|sold|packed|venta|vente|vendita|unit[ée]|unit[àa]|"
    # A container word's own tail holds letters only: "Kartona25" is "Karton(a) 25".
    + CONTAINER.removesuffix(r"(?![^\W\d_])").replace(r"\w*", r"[^\W\d_]*")
)
# Connectors only split beside a content word: "della" is not "del la". "à"/"a" joins a
# container to its count ("Karton à 25 Stück", OCR'd "Kartona25Stuck"), before a digit only.
_CONNECTOR = r"per|por|pour|par|pro|of|de|di|da|in|en|du|des|del|[àa](?=\d)"
_PART = rf"(?:{_CONTENT}|{_CONNECTOR}|\d+(?!\d))"  # digits whole: no backtracking
_IS_CONTENT = re.compile(rf"(?:{_CONTENT})", re.IGNORECASE)
_IS_CONNECTOR = re.compile(_CONNECTOR, re.IGNORECASE)
_SPLITS = re.compile(rf"(?:{_PART}){{2,}}", re.IGNORECASE)
_ONE = re.compile(rf"{_PART}(?={_PART}*$)", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]{5,40}")


# A count glued between its per-word and its noun: "par50chevilles", "pour100sacs". In
# lower case only: "PRO100" is a model, not "per 100".
_PER_COUNT = re.compile(r"(?<![^\W_])(per|pour|par|por|pro|je|for|für|of)(\d{1,6})([^\W\d_]{3,})")


def unglue(text: str) -> str:
    """The text with glued label tokens spaced out; other text unchanged."""
    if not text:
        return text
    text = _PER_COUNT.sub(lambda m: " ".join(p for p in m.groups() if p), text)
    return _TOKEN.sub(_spaced, text)


# OCR reads the digits 1 and 0 as the letters l, I, o, O: "Pesoporlo0piezas" (100).
_OCR_NUMBER = re.compile(r"(?=[\dlIoO]*\d)[\dlIoO]+")
_AS_DIGIT = str.maketrans("lIoO", "1100")


def _spaced(token: re.Match[str]) -> str:
    word = token[0]
    if not _SPLITS.fullmatch(word):
        # Only when the letters read as digits make the token split into label words.
        word = _OCR_NUMBER.sub(lambda m: m[0].translate(_AS_DIGIT), word)
        if not _SPLITS.fullmatch(word):
            return token[0]
    parts, at = [], 0
    while at < len(word):
        part = _ONE.match(word, at)
        if part is None:  # cannot happen after fullmatch; stay safe
            return token[0]
        parts.append(part[0])
        at = part.end()
    if len(parts) < 2 or not any(_IS_CONTENT.fullmatch(p) for p in parts):
        return token[0]  # only connectors: "Index", "dein"
    if _IS_CONNECTOR.fullmatch(parts[-1]):
        return token[0]  # a label does not end in "of": "Boxen" is a word of its own
    return " ".join(parts)
