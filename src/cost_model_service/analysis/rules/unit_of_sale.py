"""What one article is, as the sales, price or order unit says: one piece ("Price per
piece", "Abrechnung je Stück", "unidad_venta: pieza", "Unità di vendita: pannello singolo"),
a container ("Unidad de venta: rollo", "Unité de vente: 1 lot (6 ampoules)"), a set or a
pair ("Verkaufseinheit: 1 Paar"). A title's "pack of 10" then only says how the pieces are
delivered when the unit of sale is one piece.
"""

import re
from dataclasses import dataclass

from cost_model_service.analysis.rules.containers import kind_of
from cost_model_service.analysis.rules.header_rows import header_rows

# Nouns naming the unit: "Sales unit: box", "unidad_venta: pieza", "Unità di vendita: ...",
# also as a key path ("sales.unit", "venta.unidad"). The one vocabulary of the sales unit:
# lengths.py (sold by the metre) and article_size.py (its length) read the same nouns.
SALES_UNIT = (
    r"sales?[ _]?(?:unit|uom)|unit[ _]of[ _]sale|selling[ _]unit|order(?:ing)?[ _]?unit|"
    r"price[ _]unit|"
    r"verkaufseinheit|bestelleinheit|mengeneinheit|preiseinheit|"
    r"unidad[ _](?:de[ _])?(?:venta|pedido|precio)|unit[ée][ _](?:de[ _])?(?:vente|commande|prix)|"
    r"unit[àa][ _](?:di[ _])?(?:vendita|ordine|prezzo)|u\.?m\.?[ _]vendita|udm[ _]vendita|"
    r"jednostka[ _]sprzeda\w*|verkoopeenheid|"
    r"(?:sales?|verkauf|vente|venta|vendita)[. _](?:unit|einheit|unit[ée]|unidad|unit[àa])"
)
# Verbs and prices name it after a per-word: "sold per box", "Price per piece", "Preis gilt
# je Set", "vendu par carton"; a bare "sold separately" names nothing.
_PER = (
    # Sold "in" or "as" a unit; a price only "per" one ("Prices in EUR" names no unit).
    # "Supplied in cartons of 50" is delivery, not sale: left out.
    r"(?:(?:sold|verkauft|vendue?s?|se[ ]vende|vendid[oa]s?|vendut[oa]|venduti)"
    r"(?:[ ](?:are|is|only|nur|uniquement|solo|solamente|einzeln))*[ ]+"
    r"(?:per|by|as|in|je|pro|par|pour|por|al|a|à|au|en|each|cada|ogni|im)"
    r"|(?:priced|prices?|pricing|invoiced|billed|charged|preis|abrechnung|berechnet|prix|"
    r"factur[ée]e?s?|precio|facturad[oa]s?|prezzo|fatturat[oa])"
    r"(?:[ ](?:gilt|is|are|applies|est|sont|es|son|è|sono|ist|sind|valable|v[áa]lido|valido|"
    r"only|nur|uniquement|solo|solamente))*[ ]*[:|]?[ ]*"
    r"(?:per|je|pro|par|pour|por|al|a|à|au|each|cada|ogni))"
)
# After a count, "par" is the Spanish pair ("1 par", "un par"), not the French per-word.
_LEAD = (
    r"(?:(?:per|by|as|in|the|a|an|(?<!1 )(?<!\bun )par|à|au|en|por|al|pro|je|1|one|le|la|el|"
    r"il|lo|der|die|das|un|une|una|uno|ein|eine|is|ist|est|es|è)\s+|[ld]')*"
)
# "Prix à partir de 12 €", "precio a consultar", "prezzo a richiesta" name no unit.
_NO_UNIT = r"(?!(?:partir|consultar|convenir|richiesta|preventivo|request|demande)(?!\w))"
_AFTER_UNIT = r"(?:[ \t]*\.{3,}[ \t.:]*|[^\w\n]{0,12})"  # "Sales unit .....: ", "unit | "
SOLD_AS = re.compile(
    rf"(?<![^\W_])(?:(?:{SALES_UNIT}){_AFTER_UNIT}|{_PER}\s+{_NO_UNIT}){_LEAD}"
    r"(?P<what>[^\W\d_]+(?:2(?!\d))?(?:[ ,]+[^\W\d_]+){0,2})(?P<rest>[^\n]{0,40})",
    re.IGNORECASE,
)
_PAIR = re.compile(r"pairs?|paar|paires?|paio|paia|par(?:es)?", re.IGNORECASE)
_SET = re.compile(r"sets?|kits?|satz|s[äa]tze|jeux?|juegos?|coffrets?|assortiment\w*", re.I)
_MEASURE = re.compile(
    r"m|mtr|lfm|lm|metr\w*|m[èe]tres?|meters?|foot|feet|ft|yards?|kg|kilo\w*|g|grams?|"
    r"lit\w*|l|m2|m²|qm|sqm",
    re.IGNORECASE,
)
_AREA = re.compile(r"m2|m²|qm|sqm", re.IGNORECASE)
# "(6 ampoules)", "of 10", "de 36": the count a sold container or set holds; glued to
# the container in ERP unit codes ("BOX100", "CTN50"); or equated: "1 box = 100 pcs".
_HOLDS = re.compile(
    r"(?:(?<=[^\W\d_])[ \t]?|\s*(?:\(\s*|(?:of|de|von|mit|di|da|à|con|with|x)\s+|=\s*))"
    r"(?P<n>\d{1,5})(?![\d.,])(?![ \t]*(?:mm|cm|m|kg|g|l|ml|lbs?|x|\u00d7)(?![^\W\d_]))",
    re.I,
)


@dataclass(frozen=True)
class Sold:
    single: bool  # one piece: the title's container is how it is delivered
    kind: str | None = None  # the container the article is
    count: float | None = None  # pieces in the article (a pair: 2)
    by_area: bool = False  # sold per m²: a weight per m² is the unit's
    whole: bool = False  # a dispenser box: used whole, its weight is the article's


# A dispenser pack is the article as used, not a box its pieces are shipped in: "1
# dispenser box of 100 gloves", "Spenderbox mit 100 Stück", "boîte distributrice",
# "caja dispensadora", "scatola dispenser".
_DISPENSER = re.compile(r"(?<![^\W_])(?:\w*spender\w*|dispens\w*|distribut(?:eur|rice)\w*)", re.I)


# A price stated per container ("Price per box", "Prezzo per scatola", "prix par carton")
# is a price basis, like "precio por 100 uds.": it names no article, a sales unit would.
_PRICE = re.compile(
    r"pric|preis|prix|precio|prezzo|factur|fatturat|invoiced|billed|charged|abrechnung|berechnet",
    re.IGNORECASE,
)


def sold_as(text: str) -> Sold | None:
    """The unit of sale the first such statement names, or None (none, or sold by length)."""
    headers = header_rows(text)
    at = 0
    while match := SOLD_AS.search(text, at):
        header = next((h for h in headers if h[0] <= match.start() < h[1]), None)
        if header:  # a CSV's "unidad_venta | uds_caja": the unit is the cell below
            at = header[1]
            found = (SOLD_AS.match(pair) for pair in header[2])
            sold = next((_sold(m) for m in found if m and not _price_basis(m)), None)
            if sold:
                return sold
            continue
        if _price_basis(match):
            # "prezzo per confezione, unità di vendita: 1 confezione": a price basis; a
            # sales unit may follow inside the text it read.
            at = match.start("what")
            continue
        return _sold(match)
    return None


def _price_basis(match: re.Match[str]) -> bool:
    """ "Price per box": a price basis; the box holds the articles."""
    sold = _sold(match)
    return bool(sold and sold.kind and _PRICE.match(match[0]))


def _sold(match: re.Match[str]) -> Sold | None:
    for found in re.finditer(r"[^\W\d_]+2?", match["what"]):
        word = found[0]
        if "," in match["what"][: found.start()]:
            break  # "Venduto al pezzo, cartone da 24 rotoli": the unit ends at the comma
        held = _HOLDS.match(match.string, match.start("what") + found.end(), match.end("rest"))
        count = float(held["n"]) if held else None  # "set of 4", "lot (6 ampoules)"
        if _AREA.fullmatch(word):
            return Sold(single=False, by_area=True)
        if _MEASURE.fullmatch(word):
            return None  # "Sales unit: metre": lengths.py reads it
        if _PAIR.fullmatch(word):
            return Sold(single=False, count=2.0)
        if _SET.fullmatch(word):
            return Sold(single=False, count=count)
        if kind := kind_of(word):
            whole = bool(_DISPENSER.search(match["what"]))
            return Sold(single=False, kind=kind, count=count, whole=whole)
    return Sold(single=True)  # "pieza", "piece", "Stück", "pannello singolo"
