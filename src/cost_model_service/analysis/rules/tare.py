"""Gross minus tare: a sheet giving only a shipping (gross) weight and the weight of its
packaging ("Shipping weight (in wooden crate) | 96 kg" over "Crate tare weight | 14 kg";
"Peso lordo 64 kg, di cui imballo 6,5 kg") states the article's weight as the difference
(issue 14, round X/W). The tare itself is no weight of the article."""

import math

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.context import Context, context_of
from cost_model_service.analysis.rules.mentions import Mention
from cost_model_service.analysis.rules.scoring import Candidate, assess
from cost_model_service.analysis.rules.sheet import Sheet

# The packaging's own weight, in de en es fr it: "tare", "Tara", "crate", "di cui imballo".
_TARE = vocab._words(
    r"tare\b", r"tara\b", r"taragewicht", r"crate\b", r"pallet\w*", r"palette\w*",
    r"packaging\b", r"packing\b", r"verpackung\w*", r"kiste\b", r"holzkiste",
    r"emballage\b", r"caisse\b", r"embalaje\b", r"caja\b", r"imballo\b", r"imballaggio\b",
    r"cassa\b", r"gabbia\b",
)  # fmt: skip
# Words that make a packed weight of a label naming the packaging ("Shipping weight (in
# wooden crate)", "Gewicht inkl. Verpackung"), not the packaging's own weight.
_PACKED = vocab._words(
    r"gross", r"brutto", r"bruto", r"brut\b", r"lordo", r"shipping", r"versand", r"envío",
    r"envio", r"exp[ée]dition", r"spedizione", r"incl\w*", r"inkl\w*", r"including",
    r"with\b", r"mit\b", r"avec\b", r"con\b", r"in\b", r"im\b", r"en\b",
)  # fmt: skip
_SCORE = 62.0  # above a bare gross weight (60), below any plain or net weight
_CONFIDENCE = 0.6
_AFTER = 25  # "96 kg incl. 14 kg crate": the packaging word just after the tare


_STRONG_GROSS = vocab._words(
    r"gross", r"brutto", r"bruto", r"brut\b", r"lordo", r"shipping", r"versand", r"env[íi]o",
    r"exp[ée]dition", r"spedizione",
)  # fmt: skip


def _is_tare(ctx: Context) -> bool:
    """ "Crate tare weight", "di cui imballo", "incl. 14 kg crate"; not "Shipping weight (in
    wooden crate)" nor "Gewicht inkl. Verpackung", which weigh the packed article."""
    own = ctx.label.rsplit("|", 1)[0] if ctx.label.strip().endswith("|") else ctx.label
    head = own.split("(")[0]
    if vocab.DISTRACTOR.search(own) or vocab.LIMIT.search(own):
        return False  # "pallet load 500 kg", "max. pallet weight"
    if _TARE.search(own):
        return not _PACKED.search(head)
    return bool(_TARE.search(ctx.after[:_AFTER])) and not _STRONG_GROSS.search(own)


def with_tare(sheet: Sheet, candidates: list[Candidate]) -> list[Candidate]:
    """Adds gross minus tare when the sheet states exactly one gross weight and one tare;
    the tare's own candidates are dropped."""
    tares: list[Mention] = []
    grosses: list[tuple[Mention, Context]] = []
    for mention in sheet.mentions:
        if mention.per_length or mention.per_area or mention.per_unit:
            continue
        ctx = context_of(sheet.text, mention, sheet.mentions)
        if _is_tare(ctx):
            tares.append(mention)
        elif vocab.GROSS.search(ctx.words) and not vocab.DISTRACTOR.search(ctx.words):
            grosses.append((mention, ctx))
    if len({t.grams for t in tares}) != 1 or len({g.grams for g, _ in grosses}) != 1:
        return candidates
    tare, (gross, ctx) = tares[0], grosses[0]
    own = assess(sheet, gross)
    if tare.grams >= gross.grams or (own and own.divisor):
        return candidates  # a pack's gross weight over its units: not one article's
    tare_starts = {t.start for t in tares}
    kept = [c for c in candidates if c.mention.start not in tare_starts]
    net = Candidate(gross.grams - tare.grams, _SCORE, _CONFIDENCE, gross, ctx)
    if any(math.isclose(c.grams, net.grams, rel_tol=0.005) for c in kept):
        return kept
    return [*kept, net]
