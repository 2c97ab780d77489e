"""Weights that belong to something other than one article: an accessory sold beside it,
the cable of a sensor weighed per metre, a set of N pieces when one piece is bought."""

import re

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.containers import kind_of
from cost_model_service.analysis.rules.context import Context
from cost_model_service.analysis.rules.lengths import SOLD_BY_LENGTH
from cost_model_service.analysis.rules.mentions import Mention
from cost_model_service.analysis.rules.sheet import Sheet
from cost_model_service.analysis.rules.tables import header_of, line_bounds, previous_line

ACCESSORY = vocab._words(
    r"accessor(?:y|ies)", r"accessoires?", r"zubeh[öo]r\w*", r"accesorios?", r"accessori[oa]?\b",
    r"optional(?:e|es)?\b", r"en option", r"opzional\w*", r"optionnel(?:le)?s?\b",
    r"opcional(?:es)?\b",
)  # fmt: skip


def _wrapping(*patterns: str) -> re.Pattern[str]:
    """Alternatives whose spaces may be line breaks: PDF text wraps "por\nseparado"."""
    return vocab._words(*(pattern.replace(" ", r"\s+") for pattern in patterns))


# Items set apart from the article: "sold separately", "nicht im Lieferumfang", "a parte".
SEPARATELY = _wrapping(
    r"separately\b", r"separate (?:items?|articles?|parts?|products?|orders?)\b",
    r"not (?:included|supplied|part of the (?:delivery|supply))\b",
    r"separat\b", r"separat (?:erh[äa]ltlich|bestell\w*|lieferbar)\b", r"gesondert\b",
    r"nicht (?:im|zum) lieferumfang\w*", r"nicht (?:enthalten|inbegriffen|mitgeliefert)\b",
    r"s[ée]par[ée]ment\b", r"non (?:fourni|inclus|compris)\w*", r"vendus? [àa] part\b",
    r"por separado\b", r"no (?:incluid|suministrad)[oa]s?\b", r"no se incluyen?\b",
    r"aparte\b", r"à part\b", r"(?:livr|fourni)\w*\s+a part\b",  # es "se suministra aparte"
    r"a parte\b", r"separatamente\b", r"non (?:inclus|compres|fornit)[oaie]\b",
)  # fmt: skip

# An inclusion denied: "(non inclus)", "no están incluidas", "is not included".
_NOT_INCLUDED = _wrapping(
    r"(?:not|no|non|nicht|pas|ne) (?:\w+ ){0,2}(?:incl|inbegr|enthalt|inclu|compres)\w*",
)
# Where the own sentence ends: "0,86 kg. Las bridas opcionales" are another statement.
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")


def with_extras(text: str) -> bool:
    """The words say a weight includes more than the article ("incl. battery"); "not
    included" says the opposite of it."""
    return bool(vocab.WITH_EXTRAS.search(_NOT_INCLUDED.sub(" ", SEPARATELY.sub(" ", text))))


# A cable, line or hose of a device: "Anschlussleitung", "supply hose", "tuyau", "manguera".
CABLE = vocab._words(
    r"cables?\b", r"kabel\w*", r"c[âa]bles?\b", r"cav[oi]\b", r"\w*leitung\b",
    r"\w*leitungs\w*", r"tub(?:o|i|e|es|os)\b", r"hoses?\b", r"\w*schlauch\w*", r"tuyaux?\b",
    r"flexibles?\b", r"mangueras?\b", r"latiguillos?\b",
    r"tubi?[ ]flessibil[ei]\b", r"flessibil[ei]\b", r"cords?\b", r"cordons?\b",
)  # fmt: skip
# Goods sold as a cable, in a title: "Steuerleitung", "wire rope", "cordon", "conduttore".
CABLE_GOODS = vocab._words(
    r"cables?\b", r"\w*kabel\w*", r"c[âa]bles?\b", r"cav[oi]\b", r"\w*leitung\b", r"wires?\b",
    r"\w*draht\w*", r"\w*litze\b", r"cords?\b", r"cordons?\b", r"fils?\b", r"conductor",
    r"conduttor[ei]", r"conducteur", r"manguera", r"h0[57]\w+", r"hoses?\b", r"\w*schlauch\w*",
    r"tuyaux?\b", r"flexibles?\b", r"tub(?:o|i|e|es|os)\b",
)  # fmt: skip
# A device that carries its cable or hose, named before the cable word or in its compound:
# "Enrouleur ... H07RN-F", "Kabeltrommel", "hose reel", "avvolgicavo", "enrollacables".
_REEL = re.compile(
    r"enrouleur|d[ée]vidoir|reel|trommel|aufroller|avvolgi\w*|enrolla\w*|carrete|tambur",
    re.IGNORECASE,
)
# A key naming the article: "producto: Cable RV-K", "Bezeichnung | Steuerleitung".
_NAME_KEY = re.compile(
    r"\s*[#*]*\s*(?:product\w*|produ[ci]t\w*|prodotto|description|descripci[óo]n|descrizione|"
    r"d[ée]signation|bezeichnung|artikel\w*|article|articolo|art[íi]culo|name|nombre|nom|nome|"
    r"denominazione|titel|title|titolo|t[íi]tulo)\b[^:|\n]{0,12}[:|]",
    re.IGNORECASE,
)
# What comes before "cable" in a title when the cable is only part of the article:
# "connector with moulded cable", "Sensor M18 — cavo 2 m".
_ATTACHED = re.compile(r"\b(?:with|mit|avec|con|incl\w*)\b|[\u2014\u2013,;]|\s-\s", re.IGNORECASE)
# "set of 4", "juego de 4 unidades", "lot de 6 rouleaux", "Satz mit 10 Stück", "kit da 8".
SET_OF = re.compile(
    r"(?<![^\W_])(?:set|kit|lot|jeu|juego|satz|lotto|serie|confezione|pack|paquete|packung)"
    r"[ \t]+(?:of|de|von|mit|di|da|con|à)[ \t]+(\d{1,4})(?!\d|[.,]\d)",
    re.IGNORECASE,
)
# A label naming the set: "set weight", "Satzgewicht", "peso del juego".
SET_WORD = re.compile(
    r"(?<![^\W\d])(?:set|kit|jeu|juego|satz|lot|lotto)(?:gewicht)?(?![^\W\d])", re.IGNORECASE
)
_BASIS = re.compile(r"basis|bezug|base|r[ée]f[ée]renc|riferiment|referid", re.IGNORECASE)


def accessory(sheet: Sheet, ctx: Context, mention: Mention) -> bool:
    """The weight of an accessory: named so in its label, its table's header row or the
    heading just above its table ("Accessories" over "Bracket | 45 g")."""
    own_after = _SENTENCE_END.split(ctx.after_line, maxsplit=1)[0]
    said = f"{ctx.words} {own_after}"  # "Weight: 40 g (accessory)"
    if with_extras(said) or vocab.WITHOUT_EXTRAS.search(said):
        return False  # "weight incl. accessories", "weight without accessories"
    if ACCESSORY.search(said):
        return True
    header = header_of(sheet.text, mention.start)
    # The heading above the table, also when this row is its first ("Zubehör (nicht im
    # Lieferumfang)" over "Reflektor R50 | 22 g").
    table_start = header.start if header else line_bounds(sheet.text, mention.start)[0]
    _, heading = previous_line(sheet.text, table_start)
    # A wrapped sentence's tail ("separately)." under "Order line: ... (carriages
    # ordered") is no heading.
    tail = heading.strip()[:1].islower() or heading.count(")") > heading.count("(")
    if "|" in sheet.text[slice(*line_bounds(sheet.text, mention.start))] and len(heading) < 40:
        if not tail and (ACCESSORY.search(heading) or SEPARATELY.search(heading)):
            return True
    return header is not None and bool(ACCESSORY.search(" ".join(header.cells[:1])))


def cable_of_the_article(sheet: Sheet, ctx: Context, mention: Mention) -> bool:
    """A cable weight per metre on a sheet whose article is not the cable (a sensor with a
    2 m cable, a connector with a moulded cable, a cable reel, a floodlight whose title
    names no cable at all): a component's weight."""
    if not (mention.per_length and CABLE.search(f"{ctx.words} {ctx.line_label}")):
        return False
    if SOLD_BY_LENGTH.search(sheet.text) or sheet.piece_metres:
        return False
    # The row names the goods in a cell after its code: "TB-1 | Steel tube 42x2 | 2.0 kg/m"
    # (a first cell is the row's label: "Connection cable | H05RN-F, 60 g/m").
    cells = [cell for cell in ctx.line_label.split("|")[1:] if not vocab.WEIGHT.search(cell)]
    if any(CABLE_GOODS.search(cell) and not _ATTACHED.search(cell) for cell in cells):
        return False
    if sheet.title_kinds:
        return True  # "Cable reel": the article is the reel
    # The title block above the weight (a letterhead may come first) names the goods the
    # sheet sells; a property line ("Connection: cable ...") does not.
    above = sheet.text[: min(mention.start, 2000)].splitlines()[:-1]
    for index, line in enumerate([line for line in above if line.strip()][:5]):
        cable = CABLE_GOODS.search(line)
        if index and cable and "|" in line[cable.end() :]:
            continue  # a table row below the title: "Manguera de alta presión | 10 m"
        named = _NAME_KEY.match(line)  # "description: Steel tube 42x2" names the goods
        if index and cable and not named and ":" in line[cable.end() :]:
            # A property of a cable below the title ("Cable outer diameter: 4-6 mm",
            # "cavo_consigliato.sezione_mm2: 0.34") names no goods.
            continue
        if cable and (named or not re.search(r"[:|]", line[: cable.start()])):
            # "Control cable 5G1.5" is the article; "Sensor with cable" is not.
            before = line[: cable.start()]
            return bool(_ATTACHED.search(before) or _REEL.search(line[: cable.end()]))
    return True


def set_size(sheet: Sheet, ctx: Context, mention: Mention) -> int | None:
    """N when the weight is stated for a set of N and the article is one piece: in its
    label ("Peso (juego de 4 unidades)") or a basis line below ("weight.basis: set of 10")."""
    if SET_OF.search(sheet.title[:500]):  # bounded: a text without newlines is one "title"
        return None  # "Levelling feet, set of 4": the set is the article
    _, end = line_bounds(sheet.text, mention.start)
    # The line below, bounded like every line: a text without newlines must not make each
    # mention search the rest of the document.
    below = sheet.text[slice(*line_bounds(sheet.text, end + 1))] if end < len(sheet.text) else ""
    basis = below if _BASIS.search(below) or vocab.WEIGHT.search(below) else ""
    for piece in (ctx.label, ctx.header, ctx.after, basis):
        match = SET_OF.search(piece)
        if match and int(match.group(1)) >= 2:
            return int(match.group(1))
    return None


# "peso del conector:", "weight of the lid", "poids du couvercle", "Gewicht des Deckels":
# the weight of a named part, right before the number.
_OF_A_PART = re.compile(
    r"(?<![^\W_])(?:weight|mass|peso|poids|masse|masa|massa|gewicht|waga)[ \t]+"
    r"(?:of[ \t]+the|of|del|de[ \t]+la|de[ \t]+l'|du|des|der|dello|della|di)[ \t]*"
    r"(?P<part>[^\W\d_]{3,})[^\w\n]*$",
    re.IGNORECASE,
)
# Words for the article itself: "weight of the unit", "peso del equipo".
_THE_ARTICLE = vocab._words(
    r"unit", r"device", r"product", r"article", r"item", r"machine", r"tool", r"set", r"kit",
    r"complete", r"assembly", r"appareil", r"produit", r"outil", r"ensemble", r"equipo",
    r"producto", r"art[íi]culo", r"aparato", r"conjunto", r"prodott", r"articolo",
    r"apparecch", r"ger[äa]t", r"artikel", r"produkt", r"maschine", r"werkzeug", r"pezz",
    r"pieza", r"pi[èe]ce", r"st[üu]ck", r"piece", r"whole", r"total",
)  # fmt: skip


def a_named_part(sheet: Sheet, ctx: Context) -> bool:
    """The label weighs a part its own line is about and the title does not name
    ("Conector DIN ... incluido (peso del conector: 12 g)" on a valve's sheet): not the
    article's weight. "Peso della lastra" alone may name the article in other words."""
    label = ctx.label[-120:]
    match = _OF_A_PART.search(label)
    if match is None or _THE_ARTICLE.match(match.group("part")):
        return False
    if kind_of(match.group("part")):
        return False  # "poids du carton": a pack's weight, which the pack rules divide
    stem = match.group("part").lower()[:4]
    before = label[: match.start()].lower()
    return stem in before and stem not in sheet.title.lower()
