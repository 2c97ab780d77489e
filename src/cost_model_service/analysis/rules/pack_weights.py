"""What a weight is stated for, besides one unit: the container its label names and how
many units that holds, or the metres a "weight per 100 m" covers."""

import re

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.article_size import container_length, stated_length
from cost_model_service.analysis.rules.containers import (
    CONTAINER,
    GENERIC,
    LENGTH_KINDS,
    PACKING_SECTION,
    kinds_in,
)
from cost_model_service.analysis.rules.context import Context
from cost_model_service.analysis.rules.lengths import length_in
from cost_model_service.analysis.rules.pack_orders import ordered_in
from cost_model_service.analysis.rules.packs import Statement, statements
from cost_model_service.analysis.rules.sheet import Sheet
from cost_model_service.analysis.rules.tables import row_pairs
from cost_model_service.analysis.rules.units import PER_LENGTH_SUFFIX, metres

# A container the weight leaves out ("senza bobina", "ohne Spule", "without reel") is not
# the one weighed.
_WITHOUT_CONTAINER = re.compile(
    rf"{vocab.WITHOUT_EXTRAS.pattern}[\s.]+(?:(?:the|a|its|die|der|den|la|le|el|il)\s+)?"
    rf"{CONTAINER}",
    re.IGNORECASE,
)


def container_of(sheet: Sheet, label: str) -> str | None:
    """The container whose weight this is: the last one the label names, unless the article
    itself is one (its title says so). A roll or drum is a container of metres on a sheet
    sold by length, or of pieces when their count is stated (a reel of 2000 capacitors);
    elsewhere it may be the article ("Hose 25 m, drum weight 9 kg")."""
    label = _WITHOUT_CONTAINER.sub(" ", label)  # "rotolo da 50 m (senza bobina)": the roll's
    for kind in reversed(kinds_in(label)):
        if kind in sheet.title_kinds:
            continue
        if kind == GENERIC and not sheet.contents.units(GENERIC) and filled_goods(sheet.text):
            continue  # "Gebinde: Inhalt 290 ml, Nettogewicht 420 g": the pack is the article
        if kind in LENGTH_KINDS and not (sheet.by_length or sheet.contents.knows(kind)):
            continue
        return kind
    # "Verpackung.Bruttogewicht" beside "Verpackung.Inhalt_Stk: 40": the pack's weight.
    if PACKING_SECTION.search(label) and sheet.contents.units(GENERIC):
        return GENERIC
    return None


# Goods sold filled in their pack (a cartridge, a can, a bucket) state its contents as a
# volume: "Inhalt: 290 ml", "contenu 5 l", "contenido neto 400 ml", "capacità 1 litro".
_FILLED = re.compile(
    r"(?<![^\W_])(?:inhalt|f[üu]llmenge|contents?|contenu|contenido|contenuto|capacit[àa]|"
    r"fill(?:ing)? (?:volume|quantity)|volumen?|volume)\b[^\n\d]{0,20}"
    r"\d+(?:[.,]\d+)?[ \t]*(?:ml|cl|l|ltr|liters?|litres?|litri|litro|litros?)(?![^\W\d_])",
    re.IGNORECASE,
)
_FILLED_SCAN = 20_000


def filled_goods(text: str) -> bool:
    """Whether the article is a filled pack: its contents are a volume, not pieces."""
    return bool(_FILLED.search(text, 0, _FILLED_SCAN))


def units_in(sheet: Sheet, ctx: Context, container: str, at: int | None = None) -> float | None:
    """Units in the container: stated next to the weight ("carton of 50 pcs, 12.5 kg",
    "Full drum 500 m, gross weight"), else anywhere in the sheet ("Pieces per box")."""
    near = f"{ctx.label} {ctx.after_line} {ctx.header}"
    # A count in the weight's table row, under its column header: "unidades paquete | 50".
    pairs = row_pairs(sheet.text, at) if at is not None else ""
    local = list(statements(f"{near}; {pairs}", sheet.decimal_comma, sheet.by_length))
    # A count of one is the sales unit's ("Verkaufseinheit | 1 Stück | 10 | 6,6"), no
    # container's: "10" under "VPE Stück" counts the pack.
    counts = (float(re.sub(r"\D", "", c.group(1))) for c in vocab.COUNT.finditer(near))
    count = next((n for n in counts if n >= 2), None)
    if count and not any(s.outer == container for s in local):
        local.append(Statement(container, count))
    units = sheet.contents.overridden(local).units(container)
    if units is None and container in LENGTH_KINDS and sheet.by_length:
        return container_length(sheet.text, sheet.decimal_comma)  # "rotolo.lunghezza_m: 50"
    return units


def weighed_length(sheet: Sheet, ctx: Context, container: str | None) -> float | None:
    """Metres the weight is stated for: "per 100 m" always; a bare "100 m" in the label
    only on a sheet sold by the metre and not for a container (that divides by its own)."""
    # Or in the column header: "weight_per_m_kg" over "2.55".
    per_length = PER_LENGTH_SUFFIX.search(ctx.label) or PER_LENGTH_SUFFIX.search(ctx.header)
    if per_length:
        count = per_length.group("count")
        return metres(per_length.group("length"), float(count.replace(",", ".")) if count else None)
    if sheet.piece_metres and container is None:
        # The article is a piece cut to length: a weight whose line states another
        # length ("Lagerlänge 6.000 mm (Stangengewicht 11,9 kg)", "barra da 6 m: 24 kg")
        # weighs that length, as the piece's own would weigh its own.
        return stated_length(ctx.label, sheet.decimal_comma)
    if sheet.by_length and container is None:
        return length_in(ctx.label, sheet.decimal_comma)
    return None


def sold_pack_units(sheet: Sheet, label: str) -> float | None:
    """Pieces in the container the sales unit names, when the label weighs that container
    ("Sales unit: box of 200 pcs", "Net weight per box: 2.96 kg") and the title names the
    piece, not the container: a pack weight, divided by its pieces (the README pack rule).
    Boxes, bags, cartons and packs only: a roll, reel or coil is often the article."""
    sold = sheet.sold
    if not (sold and sold.kind) or sold.whole or sold.kind in kinds_in(sheet.title[:500]):
        return None  # the title or a dispenser box makes the container the article
    if sold.kind in LENGTH_KINDS:
        return None  # a roll of 250 labels sold per roll is an article of its own
    if sold.kind not in kinds_in(label) or ordered_in(sheet.text, sold.kind):
        return None  # ordered in containers: the container is the unit, weighed whole
    count = sold.count or sheet.contents.units_of_article(sold.kind)
    return count if count and count >= 2 else None
