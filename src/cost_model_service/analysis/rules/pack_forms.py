"""The phrasings that state what a container holds, as patterns (en, de, fr, es, it, pl, nl).

Each form captures the container (`outer`), the count (`n`) and, when the count is of smaller
containers ("Boxes per carton"), their word (`inner`).
"""

import re

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.containers import CONTAINER
from cost_model_service.analysis.rules.lengths import LENGTH
from cost_model_service.analysis.rules.units import MASS_UNIT

_N = r"(?<![\w.,])(?P<n>\d{1,3}(?:[.,' ]\d{3})+|\d+)(?![.,]?\d)"
_PER = r"(?:(?:per|pro|je|par|por|na|w|in|im|en|op|each|ogni)\b|/)"
# An article and one qualifier may precede the container: "per dispenser box".
_ART = (
    r"(?:(?:the|a|an|one|each|1|een|un|une|una|ein\w*|le|la|el|il|der|die|das|dem|den)\s+)?"
    r"(?:[^\W\d_]+\s+)?"
)
_QTY = (
    r"qty|quantity|count|number|menge|anzahl|quantit[ée]|cantidad|quantit[àa]|ilo[śs][ćc]|"
    r"aantal|liczba"
)
# A quantity under a packaging key: "packaging.quantity: 6", "conditionnement.quantite: 6".
_PACKING = (
    r"packaging|packing|conditionnement|emballage|verpackung|embalaje|empaque|imballo|"
    r"imballaggio|confezione"
)
_CONTENT = (
    r"contents?|inhalt|contenu|contenido|contenuto|zawarto[śs][ćc]|inhoud|"
    rf"(?:{_PACKING})[\s.]+(?:{_QTY}|unit)|verpackungsmenge"
)
_INNER = rf"(?:(?P<inner>{CONTAINER})|{vocab.PIECES}|{_QTY})"
# Words between a container and its count ("carton of 50", "bag qty pcs: 500"), but not
# the next container or a dimension ("Pallet height 1200", "Drum diameter 0.8 m").
_DIMENSION = (
    r"width|wide|diam\w*|height|high|thick\w*|breite|durchm\w*|h[öo]he|ancho|altura|largeur|"
    r"hauteur|[ée]paisseur|larghezza|altezza|spessore|[śs]rednic\w*|szeroko\w*|wysoko\w*|"
    r"grubo\w*|breedte|hoogte|dikte|core|kern|mandrin|n[úu]cleo|anima|rdze\w*|weight|gewicht|"
    r"peso|poids|masa|waga|tare|dim\w*|abmessung\w*|ma[ßs]e|sizes?|gr[öo][ßs]en?|tailles?|"
    r"tama[ñn]os?|medidas?|misur\w*|volum\w*|mm|cm|kg|lbs?"
)
# Key paths and dot leaders separate too: "envase.cantidad: 250", "Outer case ..... 10".
_FILLER = rf"(?:[\s:|=,(\[.-]+(?!(?:{_PER}|{CONTAINER}|{_DIMENSION})(?![^\W\d_]))[^\W\d_]+\.?)"
_SEP = r"[\s:|=(\[.)-]*"  # "Verpackungseinheit (VPE): 10"
FORMS = [
    # "25 pcs per box", "6 boxes/carton", "10 szt. na palecie", "400 per pallet"
    re.compile(
        rf"{_N}\s*(?:(?:{_INNER}|[^\W\d_]+\.?)\s*)?{_PER}\s*{_ART}(?P<outer>{CONTAINER})", re.I
    ),
    # "Pieces per box | 500", "Boxes per carton: 6", "quantity per reel: 2000"
    re.compile(
        rf"(?<![^\W\d_]){_INNER}\s*{_PER}\s*{_ART}(?P<outer>{CONTAINER})[^\d\n]{{0,25}}?{_N}",
        re.I,
    ),
    # "carton of 50 pcs", "Inner box: 10 valves", "VPE: 100", "bag qty pcs: 500"
    re.compile(rf"(?<![^\W\d_])(?P<outer>{CONTAINER}){_FILLER}{{0,3}}{_SEP}{_N}", re.I),
]  # fmt: skip
# Without a container, only a count of pieces or a bare number: "Contents: 100 pcs".
GENERIC_FORM = re.compile(
    rf"(?<![^\W\d_])(?:{_CONTENT}){_FILLER}{{0,2}}{_SEP}{_N}"
    rf"(?=\s*\|?\s*(?:{vocab.PIECES})(?![^\W\d_])|\s*(?:[|,;)]|$))",
    re.IGNORECASE,
)
# A pack whose content is a measure holds no pieces: "gebinde.inhalt: 290 ml", "Bidon: 5 l".
MEASURED = re.compile(
    rf"(?<![^\W\d_])(?P<outer>{CONTAINER})(?:[\s.:|=]+(?:{_CONTENT}))?[\s.:|=]+"
    r"\d+(?:[.,]\d+)?\s*(?:ml|cl|dl|l|lit(?:er|re|ro|ri)s?|gal(?:lons?)?|fl\.?\s?oz)(?![^\W\d_])",
    re.IGNORECASE,
)
LENGTH_FORMS = [
    # "Roll length | 50 m", "rollo de 100 m", "Full drum 500 m"; and "cut from 50 m rolls"
    re.compile(rf"(?<![^\W\d_])(?P<outer>{CONTAINER}){_FILLER}{{0,3}}{_SEP}{LENGTH.pattern}", re.I),
    re.compile(rf"{LENGTH.pattern}\s*(?P<outer>{CONTAINER})", re.I),
]  # fmt: skip
_UNITS = (
    r"mm|cm|dm|km|m|µm|um|in|inch(?:es)?|ft|feet|foot|yd|l|ml|cl|dl|lit(?:er|re)s?|gal\w*|"
    r"bar|psi|pa|kpa|mpa|n|kn|nm|v|kv|a|ma|w|kw|hz|h|hrs?|hours?|min|s|sec|days?|months?|"
    r"years?|hrc|hb|hv|db|mesh"
)
# After a count: a dimension, percentage or measure means it counted nothing.
NOT_A_COUNT = re.compile(
    rf"\s*\|?\s*(?:[x\u00d7*%°/±~\u2013-]|(?:{MASS_UNIT}|{_UNITS})(?![^\W\d_]))", re.IGNORECASE
)
# "Box of 2,500 pcs. 4 boxes per carton. Minimum order quantity 10,000 pcs."
# Abbreviations ("Conf. 10 pezzi", "Art. 12", "approx. 190 rods") and dot leaders do not
# end a clause.
CLAUSE = re.compile(
    r"(?<=\.)(?<!\.\.)(?<![Cc]onf\.)(?<![Aa]rt\.)(?<![Nn]r\.)(?<![Nn]o\.)"
    r"(?<!pprox\.)(?<![Cc]a\.)(?<![Ee]nv\.)\s+(?=[A-Z\d])|;"
)
INNER_AFTER = re.compile(rf"\s*\|?\s*(?P<inner>{CONTAINER})", re.IGNORECASE)
# The pieces those inner containers hold in all: "10 boxes (500 discs)".
TOTAL_AFTER = re.compile(r"\s*\(\s*(?P<n>\d{1,3}(?:[.,' ]\d{3})+|\d+)\s*[^\W\d_]")
