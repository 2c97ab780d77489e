"""Weights stated for N pieces: "weight per 1000 pcs", "Masse pour 100 pièces", "kg/100
Stk", or a count in the weight's own label ("Peso (100 uds.)", "Gewicht 1000 Stk.")."""

import re

from cost_model_service.analysis.rules import parts, vocab
from cost_model_service.analysis.rules.containers import kinds_in
from cost_model_service.analysis.rules.context import Context

# ERP unit codes after the count ("Gewicht je 100 ME", "3,38 kg per 100 ST", "peso por 100
# UM"): the sales or base unit, counted as pieces are; two letters, too short for the
# noun PER_QUANTITY accepts. A pack unit ("VE", "PAK") is no piece and is left out.
_PER_UNIT_CODE = re.compile(
    r"(?<![^\W_])(?:per|pro|je|par|por|pour|f[üu]r|for|para|/)\s*(\d{1,3}(?:[.,' ]\d{3})+|\d+)"
    r"\s*(?:me|bme|um|u\.m\.|udm|uom|st|stk|ea|pce|pz|ud)(?![^\W\d_])",
    re.IGNORECASE,
)


def stated_count(ctx: Context) -> int | None:
    """N of a weight stated for N pieces, from the label, header or unit suffix; or a count
    of pieces after the weight word of a label that names no container (a pack's weight
    would: "Carton weight (50 pcs)") nor a set ("Peso (juego de 8 unidades)": parts.py)."""
    # The rest of the line too, from its start: the clause ends at an English thousands
    # comma ("4.6 kg per 1,000 pcs" leaves "per 1" in ctx.after).
    pieces = (ctx.label, ctx.header, ctx.after_line.lstrip(), ctx.after)
    for index, piece in enumerate(pieces):
        match = vocab.PER_QUANTITY.search(piece) or _PER_UNIT_CODE.search(piece)
        if index == 2 and match and match.start() > 0:
            continue  # the line only right after the weight: "4.6 kg per 1,000 pcs"
        if match and (count := _number(match)) >= 2:
            return count
    for label in (ctx.label, ctx.header):
        weighs = list(vocab.WEIGHT.finditer(label))
        found = vocab.COUNT.search(label, weighs[-1].end()) if weighs else None
        # Or the counted pieces are the subject: "100 pcs weigh 46 g", "100 Stück wiegen".
        found = found or next(
            (c for c in vocab.COUNT.finditer(label) if vocab.WEIGHT.match(label, c.end() + 1)),
            None,
        )
        if found is None or kinds_in(label) or parts.SET_OF.search(label):
            continue
        if not vocab.NOT_PACK_CONTENT.search(label) and (count := _number(found)) >= 2:
            return count
    return None


def _number(match: re.Match[str]) -> int:
    return int(re.sub(r"\D", "", match.group(1)))
