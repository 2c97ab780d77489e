"""Small helpers for sentences the service writes (rationales, messages): "a" or "an" by
how the next word sounds, a first capital that leaves the rest alone, lists with "and"."""

import re

# Words that start with a vowel letter but a consonant sound ("a unit", "a one-piece").
_CONSONANT_SOUND = re.compile(
    r"(?:uni(?!nte|mp|nh|nc|nf|ns|nv)|use|usu|uti|ura|ure|uro|eu|ewe|one\b|one-|once|ubi|uku)",
    re.IGNORECASE,
)
# Words that start with a consonant letter but a vowel sound (silent h).
_VOWEL_SOUND = re.compile(r"(?:hour|honest|honou?r|heir)", re.IGNORECASE)
# Letters whose names start with a vowel sound, read out in abbreviations ("an FKM seal").
_VOWEL_LETTERS = set("AEFHILMNORSX")
# Numbers read out: eight, eleven, eighteen, eighty..., eight hundred...
_VOWEL_NUMBER = re.compile(r"(?:8|11(?!\d)|11\d\d\d(?!\d)|18(?!\d)|18\d\d\d(?!\d))")


def article_for(phrase: str) -> str:
    """ "a" or "an" for the phrase that follows it, by sound, not spelling."""
    word = phrase.strip().split(" ", 1)[0].strip("\"'(\u201c\u2018")
    if not word:
        return "a"
    if word[0].isdigit():
        digits = re.sub(r"[,.\s].*", "", word)
        return "an" if _VOWEL_NUMBER.match(digits) else "a"
    head = re.split(r"[-/]", word, maxsplit=1)[0]
    abbreviation = head[:1].isupper() and (head.isupper() or any(c.isdigit() for c in head))
    if len(head) > 1 and abbreviation:
        return "an" if head[0] in _VOWEL_LETTERS else "a"  # abbreviations: "an ABS", "a PA6"
    if len(head) == 1 and head.isalpha():
        return "an" if head.upper() in _VOWEL_LETTERS else "a"  # "an S-shaped hook"
    if _VOWEL_SOUND.match(word):
        return "an"
    if _CONSONANT_SOUND.match(word):
        return "a"
    return "an" if word[0].lower() in "aeiou" else "a"


def with_article(phrase: str) -> str:
    """The phrase with its indefinite article: "an assembled article", "a unit"."""
    return f"{article_for(phrase)} {phrase}"


def sentence_case(text: str) -> str:
    """The first letter upper case, the rest as written ("PA6 glass-filled" stays)."""
    return text[:1].upper() + text[1:]


def joined(items: list[str], conjunction: str = "and") -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


# Nouns ending in s that are singular: "glass", "brass", "gas", "chassis", "status".
_SINGULAR_S = re.compile(r"(?:ss|us|is|as)$", re.IGNORECASE)


def is_or_are(subject: str) -> str:
    """The verb agreeing with a noun phrase: "Steel is", "Lithium-ion cells are",
    "Paper and board are"; plural by a final s that is not part of the word ("glass")."""
    words = subject.strip().split()
    if not words:
        return "is"
    if " and " in f" {subject.strip()} ":
        return "are"
    last = words[-1]
    return "are" if last.lower().endswith("s") and not _SINGULAR_S.search(last) else "is"
