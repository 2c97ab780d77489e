"""Multilingual keywords (en, de, fr, es, it) that classify the label of a weight."""

import re


def _words(*patterns: str) -> re.Pattern[str]:
    """Alternatives anchored at a word start; each may be a stem (e.g. 'permis')."""
    return re.compile(r"(?<![^\W_])(?:" + "|".join(patterns) + ")", re.IGNORECASE)


# The label names a weight of something.
WEIGHT = _words(
    r"weight", r"weighs?\b", r"weighing", r"wt\b", r"mass\b", r"masse\b", r"massa\b",
    r"\w*gewicht", r"gew\.", r"poids", r"pes[oa]\b", r"pesos\b",
)  # fmt: skip

# The weight of the bare article: net, empty, per piece.
NET = _words(r"net\b", r"netto", r"neto\b", r"nett[eo]?\b", r"nettogewicht", r"eigengewicht")
UNIT = _words(
    r"unit weight", r"single unit", r"per (?:piece|unit|item|pc)", r"each\b", r"\bea\b",
    r"piece weight", r"st[üu]ckgewicht", r"einzelgewicht", r"pro st[üu]ck", r"je st[üu]ck",
    r"par pi[eè]ce", r"poids unitaire", r"por unidad", r"peso unitario", r"cadauno",
    r"al pezzo", r"per pezzo", r"empty", r"tare", r"leergewicht", r"vide\b", r"vac[íi]o",
    r"vuoto", r"per (?!pack|box|carton|bag|bale|pallet)[a-z]+\b",
)  # fmt: skip

# Shipping or packed weight of one unit: used only when no net weight is given.
GROSS = _words(
    r"gross", r"brutto", r"bruto", r"brut\b", r"lordo", r"shipping", r"shipment",
    r"transport", r"versand", r"exp[ée]dition", r"env[íi]o", r"spedizione", r"packed",
    r"packaged", r"boxed", r"verpackt", r"emball[ée]", r"embalaje", r"embalado",
    r"imballat", r"imballo", r"inkl\.? verpackung", r"incl\.? packaging", r"with packaging",
)  # fmt: skip

# Containers of several units; their weight is divided by the quantity they hold.
PACK = _words(
    r"cartons?\b", r"box(?:es)?\b", r"cases?\b", r"bags?\b", r"bales?\b", r"packs?\b",
    r"packets?\b", r"pallets?\b", r"bundles?\b", r"karton", r"kiste", r"beutel", r"packung",
    r"gebinde", r"vpe\b", r"verpackungseinheit", r"palette", r"bo[îi]te", r"sachet",
    r"colis", r"caja", r"bolsa", r"paquete", r"fardo", r"scatol", r"confezion", r"sacchett",
    r"bancale", r"collo\b",
)  # fmt: skip

# Labels of numbers in mass units that are not the article's weight at all.
DISTRACTOR = _words(
    r"loads?\b", r"loading", r"capacit", r"payload", r"wll\b", r"swl\b", r"torque", r"force",
    r"forza", r"fuerza", r"kraft", r"trag(?:kraft|last|f[äa]hig)", r"nutzlast", r"zuladung",
    r"belast", r"zul[äa]ssig", r"permitted", r"permissible", r"permis", r"admis", r"allowab",
    r"charge\b", r"carga", r"caric", r"portata", r"grammage", r"grammatur",
    r"fl[äa]chengewicht", r"basis weight", r"copper index", r"kupferzahl", r"cu-zahl",
    r"vibrat", r"shock", r"schock", r"sto[ßs]", r"acceler", r"beschleunig", r"choc",
    r"urto", r"content weight", r"contents weight", r"counterweight", r"gegengewicht",
    r"doors?\b", r"t[üu]r\b", r"t[üu]rgewicht", r"porte\b", r"puerta", r"anta\b",
    r"lifting", r"tensile", r"breaking", r"bursting", r"proof", r"holds?\b", r"supports?\b",
    r"carr(?:y|ies)\b", r"tr[äa]gt\b", r"supporte\b", r"soporta\b", r"sostiene\b",
    r"sopporta\b",
)  # fmt: skip

# A limit rather than an actual weight ("up to 12 kg", "max. 5 kg").
LIMIT = _words(
    r"max\b", r"max\.", r"maximum", r"min\b", r"min\.", r"minimum", r"up to", r"bis zu",
    r"jusqu", r"hasta", r"fino a", r"above", r"over\b", r"exceed", r"[üu]ber\b",
)  # fmt: skip

# The weight includes something that is not part of the article.
WITH_EXTRAS = _words(r"with\b", r"incl", r"including", r"inkl", r"mit\b", r"avec", r"con\b")
WITHOUT_EXTRAS = _words(r"without", r"w/o", r"ohne", r"sans", r"sin\b", r"senza", r"excl", r"bare")

APPROXIMATE = _words(r"approx", r"ca\.", r"circa", r"about", r"roughly", r"around", r"env\.")

# Count words after a pack quantity ("50 pcs"), and the "<pack> of 100" construction.
COUNT = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,' ]\d{3})+|\d+)\s*(?:x\s*)?"
    r"(?:pcs|pc|pieces?|units?|items?|ea|stk|st[üu]ck|pz|pezzi|pi[eè]ces?|unidades|uds?|nos)\b",
    re.IGNORECASE,
)
PACK_OF = re.compile(
    PACK.pattern + r"\w*\s+(?:of|à|a|de|da|mit|zu|with)\s+(\d{1,3}(?:[.,' ]\d{3})+|\d+)\b",
    re.IGNORECASE,
)
# Whole-document statements of the pack quantity ("Pack content | 1000 pcs", "VPE: 100").
PACK_CONTENT = _words(
    r"(?:pack|packaging|package|bag|box|carton|case)\s*(?:content|contents|qty|quantity|size|unit)",
    r"contents?\b", r"inhalt", r"packungsinhalt", r"vpe\b", r"verpackungseinheit",
    r"contenu", r"contenido", r"contenuto", r"confezione da",
)  # fmt: skip
# Order quantities are not pack sizes ("Minimum order quantity: 500 pcs").
NOT_PACK_CONTENT = _words(r"order", r"moq\b", r"minimum", r"bestell", r"commande", r"pedido")

# A weight stated for N pieces: "weight per 1000 pcs", "kg/1000 Stk", "Gewicht pro 100 Stück".
# The count must be followed by a piece word or end the label ("per 100 m" is a length).
PER_QUANTITY = re.compile(
    r"(?:per|pro|je|par|por|ogni|/)\s*(\d{1,3}(?:[.,' ]\d{3})+|\d+)"
    r"(?:\s*(?:pcs|pc|pieces|units|stk|st[üu]ck|st\.|pz|pezzi|pi[eè]ces|unidades|uds)\b"
    r"|(?=\s*(?:$|[:|)\],;=])))",
    re.IGNORECASE,
)

# Lines that name the ordered article or variant.
ORDERED = _words(r"order", r"ordered", r"bestell", r"commande", r"pedido", r"ordin")

# After a quantity in g: the g is an acceleration ("20 g (10 ... 2000 Hz)", "100 g, 11 ms").
ACCELERATION = re.compile(
    r"\b(?:hz|ms|rms|pk|peak|gn|sinus|sine|random|half[- ]sine)\b", re.IGNORECASE
)
