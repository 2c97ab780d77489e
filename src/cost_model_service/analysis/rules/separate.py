"""Weights of things the sheet sets apart from the article: items it says are sold or
ordered separately or not included ("transducers are sold separately", "El manguito H312
se pide por separado", "nicht im Lieferumfang"), and a part the article comes with or
without, weighed in brackets ("without side handle (side handle 0.3 lb)")."""

import re
from functools import lru_cache

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.context import Context
from cost_model_service.analysis.rules.parts import SEPARATELY, with_extras
from cost_model_service.analysis.rules.prose import clause_of
from cost_model_service.analysis.rules.sheet import Sheet

_NAME = re.compile(r"[^\W\d_]{4,}")
_CLAUSE_END = re.compile(r"[.;:!?\n(|]")
_SCAN = 20_000  # the statements of a sheet are in its first pages
_STEM = 5
_BRACKETED = re.compile(r"\([^()\n]{0,40}\)")


def _stems(text: str) -> set[str]:
    return {
        word.lower()[:_STEM]
        for word in _NAME.findall(text)
        if not (vocab.WEIGHT.match(word) or vocab.NET.match(word) or vocab.GROSS.match(word))
    }


@lru_cache(maxsize=4)  # once per sheet, not once per mention (str hashes are cached)
def _separate_names(text: str) -> frozenset[str]:
    """Stems of the words of each clause that ends in "sold separately" (its subject)."""
    stems: set[str] = set()
    for match in SEPARATELY.finditer(text[:_SCAN]):
        # A bracket inside the clause is its subject's own weight, not a clause end:
        # "la rejilla (3,5 kg) se suministra aparte" names the rejilla.
        window = _BRACKETED.sub(" ", text[max(0, match.start() - 120) : match.start()])
        clause = _CLAUSE_END.split(window)[-1]
        stems |= _stems(clause)
    return frozenset(stems)


def _title_head(sheet: Sheet) -> set[str]:
    """The first words of the title name the article, even when it names its parts too."""
    return _stems(" ".join(_NAME.findall(sheet.title)[:3]))


def separate_item(sheet: Sheet, ctx: Context, weight_word: bool) -> bool:
    """The mass belongs to something sold separately: a bare mass in a sentence saying so
    ("are separate items (FS-2, 0.5 lb each)"), or one whose label, key path or column
    names a thing a "sold separately" clause names ("Manguito H312" over "Peso")."""
    said = f"{ctx.label} {ctx.after_line}"
    if not weight_word and SEPARATELY.search(said):
        return True
    # Its own term: "(ohne Block; Block HB11 wiegt 45 g" weighs the block, not the article.
    said = f"{ctx.term_words} {ctx.after_line}"
    if with_extras(said) or vocab.WITHOUT_EXTRAS.search(said):
        return False  # "weight without transducers", "Mass (w/o filters)": the article's
    names = _stems(f"{clause_of(ctx.label)} {ctx.header}")
    return bool(names & (_separate_names(sheet.text) - _title_head(sheet)))


def bracketed_part(sheet: Sheet, ctx: Context) -> bool:
    """A mass in brackets after a part's name, where the sheet says the article comes with
    or without that part: "Weights without side handle (side handle 0.3 lb)"."""
    _, bracket, inner = ctx.label.rpartition("(")
    if not bracket or ")" in inner or not _NAME.search(inner):
        return False
    for words in (vocab.WEIGHT, vocab.NET, vocab.GROSS, vocab.UNIT, vocab.APPROXIMATE,
                  vocab.LIMIT, vocab.TOTAL, vocab.WITH_EXTRAS, vocab.WITHOUT_EXTRAS):  # fmt: skip
        if words.search(inner):
            return False  # "(approx. 2 kg)", "(net 2 kg)", "(with battery 2.4 kg)"
    named = _stems(inner) - _stems(sheet.title)
    return bool(named & _extras(sheet.text))


@lru_cache(maxsize=4)
def _extras(text: str) -> frozenset[str]:
    """Stems of what the sheet says the article comes with or without ("without side
    handle", "sans poignée", "senza impugnatura")."""
    extras: set[str] = set()
    for match in _WITH_OR_WITHOUT.finditer(text[:_SCAN]):
        extras |= _stems(match.group(1))
    return frozenset(extras)


_WITH_OR_WITHOUT = re.compile(
    rf"(?:{vocab.WITH_EXTRAS.pattern}|{vocab.WITHOUT_EXTRAS.pattern})\s+((?:\S+\s+){{0,2}}\S+)",
    re.IGNORECASE,
)
