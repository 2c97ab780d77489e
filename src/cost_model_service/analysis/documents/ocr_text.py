"""Repairs of what the OCR engine recognised in one text box, before boxes become lines.

The recogniser drops spaces between words ("Pesopor1oopiezas") and reads a zero as the
letter o inside numbers ("1oo"). Both hide a weight label from the rules, so they are
undone here, for the label words a spec sheet's weight row uses. A number the recogniser
was unsure of, or one that looks like a decimal comma was lost, is marked DOUBT so that
whoever reads the text treats it as uncertain rather than true.
"""

import re
from collections.abc import Sequence
from functools import lru_cache

DOUBT = "(?)"
# Below this recogniser score a box holding a number is marked uncertain.
DOUBTFUL_SCORE = 0.8

# "1oo" -> "100", "2o5" -> "205": an o between digits, or a run of o's after a digit.
_O_AS_ZERO = re.compile(r"(?<=\d)(?:[oO]+(?=\d)|[oO]{2,})")
# Words a weight label may be glued from, in the five languages: the label must start
# with a weight word; the rest are qualifiers, prepositions and piece words.
_HEADS = (
    "weight", "mass", "masse", "massa", "masa", "gewicht", "poids", "peso", "pesos",
    "nettogewicht", "bruttogewicht", "stückgewicht", "stuckgewicht",
)  # fmt: skip
_TAILS = (
    "net", "netto", "neto", "nett", "gross", "brut", "bruto", "brutto", "lordo", "unit",
    "unitario", "unitaire", "por", "per", "pour", "par", "pro", "je", "für", "fur", "for",
    "cada", "ogni", "de", "del", "da", "di", "du", "des", "each", "piece", "pieces", "pcs",
    "pieza", "piezas", "pezzi", "pezzo", "pièce", "pièces", "piece", "stück", "stuck", "stk",
    "unidad", "unidades", "unità", "units", "total", "approx", "empty", "leer", "vide",
    "vacío", "vacio", "vuoto", "neta", "netta",
)  # fmt: skip
_GLUED = re.compile(
    r"(?<![^\W_])[^\W_]{6,40}(?![^\W_])"
)  # longer runs are no label (and bound the search)
_DECIMAL_COMMA = re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d.,])")
# An integer weight of four digits or more with no separator ("1450 g") on an image whose
# numbers have decimal commas: a lost comma ("14,50 g") is as likely as the value.
_LOST_COMMA = re.compile(r"(?<![\d.,'])\d{4,}(?![\d.,])\s*(?:g|kg)\b", re.IGNORECASE)


# A mass glued to the word before it in prose ("Eigengewichtvonnur1,35kg"): the number
# would read as part of a code ("M20", "IP67"), so a space goes back before it. Only after a
# word of lowercase letters: codes are written in capitals, "2x10kg" is a product.
_GLUED_MASS = re.compile(
    r"(?<=[a-zß-ÿ]{2})(?=\d+(?:[.,]\d+)?[ \t]?(?:kg|g|lbs?|Ibs?|oz)(?![^\W\d_]))"
)
# A box of 1 or 2 digits right after a box ending in digits, with a gap narrower than
# a character: the decimal point between them was too small to be recognised ("35" "3 lbs"
# for "35.3 lbs"). Three digits would be a thousands group ("1 250 g").
_NUMBER_END = re.compile(r"\d$")
_DECIMALS_START = re.compile(r"\d{1,2}(?!\d)(?![.,]\d)")


def repair(text: str) -> str:
    """Zeros read as o inside numbers, then weight labels glued into one word split."""
    text = _O_AS_ZERO.sub(lambda match: "0" * len(match.group(0)), text)
    text = _GLUED_MASS.sub(" ", text)
    return _GLUED.sub(lambda match: _split(match.group(0)), text)


def lost_decimal_point(left: str, right: str, gap: float, height: float) -> bool:
    """Whether two neighbouring boxes are one decimal number whose point was not read."""
    return (
        0 <= gap < height / 2
        and bool(_NUMBER_END.search(left))
        and bool(_DECIMALS_START.match(right))
        and not any(char.isalpha() for char in left[-4:])
    )


def doubtful(text: str, score: float, others: Sequence[str]) -> bool:
    """Whether a box's number should be read as uncertain: the recogniser was unsure, or
    the number looks like a decimal comma was lost while the other boxes have them."""
    if not any(char.isdigit() for char in text):
        return False
    if score < DOUBTFUL_SCORE:
        return True
    commas = sum(bool(_DECIMAL_COMMA.search(other)) for other in others)
    return commas >= 2 and bool(_LOST_COMMA.search(text))


def _split(word: str) -> str:
    lower = word.lower()
    parts = _segments(lower) if len(lower) == len(word) else None
    if parts is None or len(parts) < 2:
        return word
    out, at = [], 0
    for part in parts:  # cut the original, so its capitals stay
        piece = word[at : at + len(part)]
        out.append(piece.replace("o", "0").replace("O", "0") if part[0].isdigit() else piece)
        at += len(part)
    return " ".join(out)


@lru_cache(maxsize=1024)
def _segments(word: str) -> tuple[str, ...] | None:
    """The word as a weight head followed by tails, digit runs and a last free word."""
    for head in sorted(_HEADS, key=len, reverse=True):
        if word.startswith(head):
            rest = _tail_segments(word[len(head) :])
            if rest is not None:
                return (head, *rest)
    return None


def _tail_segments(rest: str) -> tuple[str, ...] | None:
    if not rest:
        return ()
    # A count, perhaps ending in zeros read as o ("5opcs" is 50 pcs when "pcs" follows).
    for digits in _counts(rest):
        after = rest[len(digits) :]
        tail = _tail_segments(after)
        if tail is None and after.isalpha() and digits.isdigit() and after[0] not in "oO":
            tail = (after,)  # the counted thing may be any word: "...100guanti"
        if tail is not None:
            return (digits, *tail)
    for word in sorted(_TAILS, key=len, reverse=True):
        if rest.startswith(word):
            tail = _tail_segments(rest[len(word) :])
            if tail is not None:
                return (word, *tail)
    return None


def _counts(rest: str) -> list[str]:
    """Digit runs at the start of `rest`, longest first with trailing o's taken as zeros."""
    digits = re.match(r"\d+", rest)
    if not digits:
        return []
    zeros = re.match(r"\d+o+", rest)
    return [zeros.group(0), digits.group(0)] if zeros else [digits.group(0)]


# A weight label whose value cell the recogniser read as no number at all ("N.W. | KC" for
# "2.8 kg" on a speckled scan): the image is worth a second, denoised reading.
_WEIGHT_LABEL = re.compile(
    r"(?<![^\W_])(?:weight|\w*gewicht|\w*gew\.|poids|pes[oa]|mass[ea]?|masa|wt\b|"
    r"[ng]\.[ \t]?wt?\.?)",
    re.IGNORECASE,
)


def unread_weight(text: str) -> bool:
    """A "label | value" line whose label is a weight's and whose value holds no digit."""
    for line in text.splitlines():
        label, bar, value = line.partition(" | ")
        if bar and _WEIGHT_LABEL.search(label) and not any(char.isdigit() for char in value):
            return True
    return False
