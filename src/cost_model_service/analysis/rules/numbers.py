"""Numbers as printed in spec sheets: decimal commas and thousands separators by context."""

import re

# A number: grouped thousands ("1,250", "1.250,5", "1 250", "1'250") or plain ("2,5", "0.42").
# Digits glued to letters ("M20", "IP67") are not numbers of a quantity.
NUMBER = (
    r"(?<![\w.])(?<!\d,)"
    r"(?:\d{1,3}(?:(?P<sep>[.,'\u2019\u00a0\u202f ])\d{3})(?:(?P=sep)\d{3})*(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)"
    r"(?![\d])"
)

_COMMA_DECIMAL = re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d.,])")
# Four decimals are left out: European material numbers (1.4404) are not decimals.
_DOT_DECIMAL = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.,])")
# Both separators in one number say which is the decimal one: "18.400,00" (de) groups by
# dots, "18,400.00" (en) by commas, whatever the words around it.
_GROUPED_COMMA_DECIMAL = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+,\d+(?![\d.,])")
_GROUPED_DOT_DECIMAL = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+\.\d+(?![\d.,])")
_WORDS = re.compile(r"[^\W\d_]+")
# Not "per": Italian uses it as much as English ("Peso per 1000 pz").
_ENGLISH = {"the", "and", "with", "for", "of", "to", "is", "weight", "this", "from"}
_DECIMAL_COMMA_LANGUAGES = {
    "und", "der", "die", "das", "mit", "für", "gewicht", "nicht", "oder",  # de
    "et", "le", "les", "des", "pour", "avec", "poids", "du",  # fr
    "y", "el", "los", "las", "del", "para", "peso", "una",  # es
    "il", "della", "di", "dei", "gli", "delle", "alla",  # it
    "dla", "oraz", "masa", "waga", "jest", "nie", "lub",  # pl
    "het", "een", "van", "voor", "niet", "zijn",  # nl
}  # fmt: skip


def uses_decimal_comma(text: str) -> bool:
    """Whether the sheet writes 2,5 for two and a half (de/fr/es/it) rather than 2.5.

    Unambiguous numbers decide ("3,6" vs "0.42"; "1,250" says nothing); the language of
    the prose breaks ties, since a sheet may contain only ambiguous numbers.
    """
    evidence = len(_COMMA_DECIMAL.findall(text)) - len(_DOT_DECIMAL.findall(text))
    evidence += len(_GROUPED_COMMA_DECIMAL.findall(text)) - len(_GROUPED_DOT_DECIMAL.findall(text))
    words = [word.lower() for word in _WORDS.findall(text[:20_000])]
    english = sum(word in _ENGLISH for word in words)
    other = sum(word in _DECIMAL_COMMA_LANGUAGES for word in words)
    language = 2 if other > english else -2 if english > other else 0
    return evidence + language > 0


def parse_number(raw: str, decimal_comma: bool) -> float:
    """Read a matched NUMBER; a lone separator before exactly three digits is ambiguous
    ("1,250", "1.250") and read with the sheet's convention."""
    digits = re.sub(r"[\s'\u2019\u00a0\u202f]", "", raw)
    if "," in digits and "." in digits:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return float(digits.replace(thousands, "").replace(decimal, "."))
    separator = "," if "," in digits else "." if "." in digits else None
    if separator is None:
        return float(digits)
    head, *tails = digits.split(separator)
    if len(tails) > 1:  # 1.250.000: repeated separators group thousands
        return float(head + "".join(tails))
    tail = tails[0]
    if len(tail) == 3 and head not in ("", "0"):
        grouping = "." if decimal_comma else ","
        if separator == grouping:
            return float(head + tail)
    return float(f"{head or 0}.{tail}")
