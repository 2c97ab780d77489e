"""Multilingual keywords (en, de, fr, es, it, pl, nl) that classify the label of a weight."""

import re

from cost_model_service.analysis.rules.containers import CONTAINER


def _words(*patterns: str) -> re.Pattern[str]:
    """Alternatives anchored at a word start; each may be a stem (e.g. 'permis')."""
    return re.compile(r"(?<![^\W_])(?:" + "|".join(patterns) + ")", re.IGNORECASE)


# Abbreviated weight labels (export packing lists, Asian suppliers, OCR): "N.W.", "G.W.",
# "N.Wt.", "Gr. Wt.", "Nettogew.", fr "Pds net", "P.N."/"P.B." (poids net/brut, peso
# neto/bruto), it "P.N."/"P.L." (peso netto/lordo). Undotted "NW"/"GW" only in capitals
# before a colon or a cell: "NW 50" is a nominal width.
_NET_ABBREVIATIONS = (
    r"n\.[ \t]?w(?:t\b)?\.?|n\.?[ \t]?wt\b\.?|(?-i:NW)(?=[ \t]*[:|])|p\.[ \t]?n\.|"
    r"\w*nettogew\.|pds[ \t]net\b"
)
_GROSS_ABBREVIATIONS = (
    r"g\.[ \t]?w(?:t\b)?\.?|g(?:r\.?)?[ \t]?wt\b\.?|(?-i:GW)(?=[ \t]*[:|])|p\.[ \t]?[bl]\.|"
    r"\w*bruttogew\.|pds[ \t]brut\b"
)
ABBREVIATIONS = rf"(?:{_NET_ABBREVIATIONS}|{_GROSS_ABBREVIATIONS}|pds\b)"

# The label names a weight of something.
WEIGHT = _words(
    r"weight", r"weighs?\b", r"weighing", r"wt\b", r"mass\b", r"masse\b", r"massa\b",
    r"(?:netto|brutto|eigen|gesamt|leer)masse\b",
    r"\w*gewicht", r"\w*gew\.", r"poids",
    # Export field names: "NETTOGEW", SAP "NTGEW"/"BRGEW" (net, gross weight).
    r"\w*gew\b", r"pes[oa]\b", r"pesos\b",
    # OCR glues a label's words: "Pesototale", "Netweight", "Pesoneto".
    r"(?:net|gross|total|unit)weight", r"pes[oa](?:total[ei]?|nett?[oa]|lord[oa]|brut[oa])\b",
    r"mas[aiy]\b", r"wag[aięi]\b", r"ci[ęe][żz]ar\w*",  # pl: masa, waga, ciężar
    r"p[èe]s(?:e|ent)\b", r"wiegt\b", r"wiegen\b", r"pesan\b", r"pesano\b",  # verbs: "ne pèse que"
    # Abbreviated labels: "N.W.", "G.W.", "N.Wt.", "Nettogew.", "Pds net", "P.N.", "P.L.".
    ABBREVIATIONS,
    # Participles, "a pack was weighed": English only in the passive ("which weighed" is a
    # past weight, maybe a predecessor's).
    r"\w*gewogen\b", r"(?:was|were|been)[ ]weighed\b", r"pes[ée]e?s?\b", r"pesad[oa]s?\b",
    r"pesat[oaie]\b",
)  # fmt: skip

# The weight of the bare article: net, empty, per piece.
NET = _words(
    r"net\b", r"netto", r"neto\b", r"nett[eo]?\b", r"nettogewicht", r"eigengewicht",
    r"eigen gewicht", r"eigengew\.", _NET_ABBREVIATIONS,
    # Export field names: SAP "NTGEW"; "PESO_N", "POIDS_N", "GEW_N" (read with "_" as " ").
    r"ntgew\b", r"(?:pes[oa]|poids|gew)[ ]n\b(?![°º.])",  # not "peso n° 2"
)  # fmt: skip
UNIT = _words(
    r"unit weight", r"single unit", r"per (?:piece|unit|item|pc)", r"each\b", r"\bea\b",
    r"piece weight", r"st[üu]ckgewicht", r"einzelgewicht", r"pro st[üu]ck", r"je st[üu]ck",
    r"par pi[eè]ce", r"poids unitaire", r"por unidad", r"peso unitario", r"cadauno",
    r"al pezzo", r"per pezzo", r"empty", r"tare", r"leergew(?:icht|\.)", r"vide\b", r"vac[íi]o",
    r"vuoto", r"jednostkow", r"(?:na|za) sztuk", r"1 szt\b", r"stukgewicht", r"pust[ya]\b",
    r"leeg\b", rf"per (?!{CONTAINER})[a-z]+\b",
)  # fmt: skip

# The whole article, beside its parts' weights: "Total weight", "Gesamtgewicht".
TOTAL = _words(
    r"total", r"gesamt\w*", r"totale", r"complete", r"komplett", r"complet[eao]?\b",
    r"overall", r"ca[łl]kowit\w*", r"totaal",
)  # fmt: skip

# Shipping or packed weight of one unit: used only when no net weight is given.
GROSS = _words(
    r"gross", r"brutto", r"bruto", r"brut\b", r"lordo", r"shipping", r"shipment",
    r"transport", r"versand", r"exp[ée]dition", r"env[íi]o", r"spedizione", r"packed",
    r"packaged", r"boxed", r"verpackt", r"emball[ée]", r"embalaje", r"embalado",
    r"imballat", r"imballo", r"inkl\.? verpackung", r"incl\.? packaging", r"with packaging",
    r"wysy[łl]k", r"z opakowaniem", r"verzend", r"verpakt", r"(?:incl\.?|met) verpakking",
    r"brgew\b",  # SAP's gross weight field
    _GROSS_ABBREVIATIONS,
)  # fmt: skip

# Labels of numbers in mass units that are not the article's weight at all.
DISTRACTOR = _words(
    r"loads?\b", r"loading", r"capacit", r"payload", r"wll\b", r"swl\b", r"torque", r"force",
    r"forza", r"fuerza", r"kraft", r"trag(?:kraft|last|f[äa]hig)", r"nutzlast", r"zuladung",
    r"belast", r"zul[äa]ssig", r"permitted", r"permissible", r"permis", r"admis", r"allowab",
    r"charge\b",
    # Not the participle: "Peso total cargado" weighs the charged extinguisher.
    r"carga(?!d[oa]s?\b)", r"caric(?!at[oaie]\b)", r"portata", r"grammage", r"grammatur",
    r"fl[äa]chengewicht", r"basis weight", r"copper index", r"kupferzahl", r"cu-zahl",
    r"vibrat", r"shock", r"schock", r"sto[ßs]", r"acceler", r"beschleunig", r"choc",
    r"urto", r"content weight", r"contents weight", r"counterweight", r"gegengewicht",
    r"contrepoids", r"contrapesos?\b", r"contrappes[oi]\b",
    r"doors?\b", r"t[üu]r\b", r"t[üu]rgewicht", r"porte\b", r"puerta", r"anta\b",
    r"lifting", r"tensile", r"breaking", r"bursting", r"proof", r"holds?\b", r"supports?\b",
    r"carr(?:y|ies)\b", r"tr[äa]gt\b", r"supporte\b", r"soporta\b", r"sostiene\b",
    r"soportad[oa]s?\b", r"support[ée]e?s?\b", r"sopportat[oa]\b", r"supportat[oa]\b",
    r"users?\b", r"usuarios?\b", r"utente\b", r"benutzer\w*", r"utilisateur\w*",
    r"sopporta\b", r"no[śs]no\w*",
    # The wearer's or user's body, not the article: "max. Nutzergewicht", "peso corporal".
    r"\w*nutzer\w*", r"anwender\w*", r"wearers?\b", r"utilizzator\w*", r"utilisatric\w*",
    r"body[ -]?weight", r"k[öo]rpergewicht", r"poids (?:du corps|corporel)",
    r"peso corp\w*", r"ud[źz]wig", r"obci[ąa][żz]\w*", r"si[łl]a\b",
    r"draagvermogen", r"laadvermogen", r"belasting", r"kracht",
)  # fmt: skip

# The weight of a component or of the material content, not of the article: cables state
# their copper ("Cu-Gewicht 336 kg/km"), whatever line comes first.
COMPONENT = _words(
    r"(?:copper|cu|conductor|metal|alumin(?:i)?um)[ -]?(?:weight|mass|content|index|number)",
    r"(?:weight|mass|content) of (?:the )?(?:copper|conductor|metal)",
    r"kupfer(?:gewicht|anteil|zahl|auflage|menge)", r"cu[ -]?(?:gewicht|anteil|zahl|auflage)",
    r"leiter(?:gewicht|anteil)", r"metall(?:gewicht|anteil|gehalt)",
    r"(?:poids|masse|teneur) (?:de |du |en )?(?:cuivre|m[ée]tal|conducteur)",
    r"(?:peso|contenido) (?:del? |en )?(?:cobre|metal|conductor)",
    r"(?:peso|contenuto) (?:del |di |in )?(?:rame|metallo|conduttore)",
    r"(?:masa|waga|zawarto\w*) (?:miedzi|metalu|[żz]y[łl])",
    r"koper(?:gewicht|gehalte|getal)", r"metaal(?:gewicht|gehalte)",
    # The core a roll is wound on: "core weight", "mandril.peso", "Gewicht der Hülse".
    r"(?:core|mandrel|mandril|mandrin|h[üu]lse|wickelkern|anima)[ .]?(?:weight|peso|poids|"
    r"gewicht|masse?|masa)",
    r"(?:weight|peso|poids|gewicht|masse?|masa) (?:of the |del? |du |dell'|der )?"
    r"(?:core|mandrel|mandril|mandrin|h[üu]lse|wickelkerns?|anima)\b",
)  # fmt: skip

# A limit rather than an actual weight ("up to 12 kg", "max. 5 kg").
LIMIT = _words(
    r"max\b", r"max\.", r"maximum", r"min\b(?![-\u207b]1)", r"min\.",  # not "min-1" (rpm)
    r"minimum", r"up to", r"bis zu",
    r"jusqu", r"hasta", r"fino a", r"above", r"over\b", r"exceed", r"[üu]ber\b",
    r"maks\b", r"maks\.", r"maksymaln", r"tot(?=\s+\d|\s*$)", r"maximaal",  # nl "tot 150"
    r"m[áa]xim[oa]s?\b", r"massim[oa]\b", r"maximal\w*", r"h[öo]chst\w*", r"m[íi]nim[oa]s?\b",
    r"minimal\w*",
)  # fmt: skip

# The weight includes something that is not part of the article.
WITH_EXTRAS = _words(
    r"with\b", r"incl", r"including", r"inkl", r"mit\b", r"avec", r"con\b", r"wraz z",
    r"[łl][ąa]cznie z", r"z opakowani", r"met\b",
)  # fmt: skip
# One unit packed in its container: "Gross weight in carton", "poids brut en boîte".
PACKED_IN = _words(
    r"(?:in|im|dans|en|nel|nella|w|packed in|verpackt in)\s+"
    rf"(?:(?:the|a|an|its|der|die|einem|einer|le|la|une?|el|una)\s+)?{CONTAINER}"
)
WITHOUT_EXTRAS = _words(
    r"without", r"w/o", r"ohne", r"sans", r"sin\b", r"senza", r"excl", r"bare", r"bez\b",
    r"zonder",
)  # fmt: skip

APPROXIMATE = _words(
    r"approx", r"ca\.", r"circa", r"about", r"roughly", r"around", r"env\.", r"ok\.",
    r"oko[łl]o", r"ongeveer",
)  # fmt: skip

# Words counting pieces: "50 pcs", "100 Stück", "10 szt.", "25 stuks".
PIECES = (
    r"pcs|pc|pieces?|units?|items?|ea|nos|stk|st[üu]ck\w*|st\.|pz|pezzi|pezzo|pi[eè]ces?|"
    r"piez(?:a|as)|teile?|unidad(?:es)?|uds?|szt\.?|sztuk[ia]?|stuks?|stueck\w*"
)
_COUNT_NUMBER = r"(\d{1,3}(?:[.,' ]\d{3})+|\d+)"
# "50 pcs", and in a key/value table with the unit in its own cell, "500 | pcs".
COUNT = re.compile(
    rf"(?<![\w.,]){_COUNT_NUMBER}\s*(?:\|\s*)?(?:x\s*)?(?:{PIECES})(?![^\W\d_])", re.IGNORECASE
)
# Order quantities are not pack sizes ("Minimum order quantity: 500 pcs").
NOT_PACK_CONTENT = _words(
    r"order", r"moq\b", r"minimum", r"bestel", r"commande", r"pedido", r"zam[óo]wieni",
)  # fmt: skip

# A weight stated for N pieces: "weight per 1000 pcs", "kg/1000 Stk", "Masa na 1000 szt.",
# "Masse pour 100 pièces", "Peso per 100 guanti" (any noun of what is counted). The count
# must be followed by a piece word, or by a noun that ends the label, or end it itself; a
# measure is not counted ("per 100 m", "per 100 litres", "für 100 Betriebsstunden").
_MEASURES = (
    r"met\w*|m[èe]t\w*|lfm|feet|foot|yards?|lit\w*|hours?|stunden?|\w*stunden|heures?|"
    r"horas?|ore|days?|tagen?|jours?|d[íi]as?|giorni|minut\w*|sec\w*|kilo\w*|gram\w*|"
    r"pounds?|lbs|ounces?|kwh|cycles?|zyklen|cycles|ciclos?|cicli|km"
)
_PER_WORD = r"per|pro|je|par|por|pour|f[üu]r|for|para|cada|ogni|na|za"
_LABEL_END = r"(?=\s*(?:$|[:|)\],;=(]))"
PER_QUANTITY = re.compile(
    # A per-word glued to its count only in lower case: "PRO100" is a model.
    rf"(?:(?<![^\W_])(?:{_PER_WORD})(?:(?=\s)|(?-i:(?<=[a-zäöüéèàìòùáíóú])))|(?<!\d)/)\s*"
    rf"{_COUNT_NUMBER}"
    rf"(?:\s*(?:{PIECES})(?![^\W\d_])|[ \t]+(?!(?:{_MEASURES})(?![^\W\d_]))[^\W\d_]{{3,}}"
    rf"{_LABEL_END}|{_LABEL_END})",
    re.IGNORECASE,
)

# A weight stated for an area, not a piece: "Gewicht je m²", "poids au m2", "kg/m²".
PER_AREA = re.compile(
    r"(?:(?<![^\W_])(?:per|je|pro|par|au|por|al|a|pour|f[üu]r)[ \t]+|/[ \t]*)(?:1[ \t]*)?"
    r"(?:m²|m2|qm|sqm|sq\.?[ \t]?(?:m|ft)|ft²|square[ \t]+(?:met|foot|feet)\w*|"
    r"quadratmeter|m[èe]tre[ \t]+carr[ée]|metro[ \t]+(?:cuadrado|quadrato))(?![^\W\d_])",
    re.IGNORECASE,
)

# Lines that name the ordered article or variant.
ORDERED = _words(
    r"order", r"ordered", r"bestel", r"command[eé]", r"pedid[oa]", r"ordin", r"zam[óo]wi",
)  # fmt: skip

# After a quantity in g: the g is an acceleration ("20 g (10 ... 2000 Hz)", "100 g, 11 ms").
ACCELERATION = re.compile(
    r"\b(?:hz|ms|rms|pk|peak|gn|sinus|sine|random|half[- ]sine)\b", re.IGNORECASE
)
