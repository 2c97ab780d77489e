"""Containers an article is packed or wound in (box, carton, pallet, roll, drum ...), by kind.

Every spelling (en, de, fr, es, it, pl, nl) maps to one kind, so that "Pieces per box" and
"Net weight per box" are linked, and so are "Boxes per carton" and "Gross weight per carton".
"""

import re

_KINDS: dict[str, str] = {
    "box": r"box(?:es)?|schachtel\w*|bo[îi]tes?|cajas?|scatol\w*|pude[łl]\w*|doos|dozen",
    # Outer packs: "opakowanie zbiorcze" (collective package) holds "opakowania".
    "carton": r"(?:master[ ]|outer[ ]|shipping[ ])?cartons?|karton\w*|cart[óo]n(?:es)?|"
    r"(?:um|versand|[üu]ber|sammel|au[sß]en)karton\w*|"
    r"cartone|omdoos\w*|opakowa\w*[ ]zbiorcz\w*",
    "case": r"(?:master[ ]|outer[ ])?cases?|crates?|kisten?|caisses?|cass[ae]|cajones?|"
    r"skrzyn\w*|krat(?:ten)?",
    "bag": r"bags?|beutel\w*|sachets?|sacs?|bolsas?|sacchett\w*|sacch?[io]|worek|worku|"
    r"workach|zak(?:ken)?|bust[ae]",
    "pallet": r"pallets?|palett\w*|palet[ay]?|palecie|paletach|bancal[ei]",
    "bale": r"bales?|ballen|fardos?|balles?",
    "bundle": r"bundles?|fascio|fasci|wi[ąa]zk\w*",
    # Generic packs: "pack content", "VPE", "opakowanie" (package), "verpakking"; "VE"
    # (Verpackungseinheit) only capitalised: a lower-case "ve" is a fire-damper class
    # ("EI 120 (ve i<->o)"), an elision or a word's stub.
    # English "packaging" alone is left out: "incl. packaging" is a gross weight, not a pack
    # ("z opakowaniem", "incl. verpakking" are caught as gross weights with extras instead).
    "pack": r"packs?|packets?|packages?|packaging[ ]unit|packung\w*|gebinde|vpe|"
    r"(?:ver)?packungseinheit\w*|packeinheit\w*|(?-i:VE|Ve)|colis|paquet(?:e|es|s)?|"
    r"confezion[ei]|conf\.|"
    r"colli|collo|lots?|lotes?|lotto|envases?|estuches?|blisters?|pacc(?:o|hi)|pakete?|"
    r"opakowa(?:ni[aeu]m?|ń)|zgrzewk\w*|verpakking\w*",
    # Length containers: goods sold by the metre are wound on these.
    "roll": r"rolls?|rollen?|rollos?|rouleaux?|rotol[oi]|rolk[aię]|rol",
    "coil": r"coils?|couronnes?|matass[ae]|kr[ąa][żz]\w*|zw[óo]j\w*",
    "reel": r"reels?|spools?|spulen?|bobin\w*|carretes?|szpul\w*|spoel(?:en)?|haspel\w*",
    "drum": r"drums?|trommeln?|tambor(?:es)?|tourets?|tambur[oi]|b[ęe]b(?:en|n\w*)",
}
LENGTH_KINDS = frozenset({"roll", "coil", "reel", "drum"})
GENERIC = "pack"

# German compounds carry the container as their head: "Rollenlänge", "Kartongewicht".
_TAIL = r"(?:l[äa]nge|gewicht|inhalt|menge)?"
# For embedding in other patterns (no named groups): any container word.
CONTAINER = r"(?:" + "|".join(_KINDS.values()) + r")" + _TAIL + r"(?![^\W\d_])"
# German compounds name their packaging last: "Spenderbox", "Faltkarton", "Schuhkarton";
# not a roll or drum, which may be the product ("Laufrolle", "Kabeltrommel").
_COMPOUND_HEAD = r"(?:[^\W\d_]{3,20}(?=(?:box|karton|kiste|beutel|schachtel)))?"
_FIND = re.compile(
    r"(?<![^\W\d_])"
    + _COMPOUND_HEAD
    + r"(?:"
    + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _KINDS.items())
    + r")"
    + _TAIL
    + r"(?![^\W\d_])",
    re.IGNORECASE,
)

# A key path under a packaging section: "Verpackung.Bruttogewicht", "packaging.gross_weight".
PACKING_SECTION = re.compile(
    r"(?<![^\W_])(?:packaging|packing|verpackung|conditionnement|emballage|embalaje|"
    r"empaque|imballaggio|imballo|opakowanie|verpakking)\.[^\W\d]",
    re.IGNORECASE,
)


def kinds_in(text: str) -> list[str]:
    """Container kinds named in the text, in order of appearance."""
    return [match.lastgroup for match in _FIND.finditer(text) if match.lastgroup]


def kind_of(word: str) -> str | None:
    """The kind of a container word, or None when it names no container."""
    match = _FIND.fullmatch(word.strip())
    return match.lastgroup if match else None
