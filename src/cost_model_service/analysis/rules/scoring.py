"""Scoring one mass mention: what kind of weight its label states, and how sure that is.

Scores rank the kinds of statement (net/per-piece > plain weight > weight per metre >
weight stated per N pieces > gross > pack weight divided by its quantity).
"""

import re
from dataclasses import dataclass, replace

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.context import Context, context_of, pack_quantity
from cost_model_service.analysis.rules.mentions import Mention
from cost_model_service.analysis.rules.sheet import Sheet
from cost_model_service.analysis.rules.units import PER_LENGTH_SUFFIX, metres


@dataclass(frozen=True)
class Candidate:
    grams: float
    score: float
    confidence: float
    mention: Mention
    context: Context
    variant: bool = False  # its row names the variant given in the title


def assess(sheet: Sheet, mention: Mention) -> Candidate | None:
    ctx = context_of(sheet.text, mention, sheet.mentions)
    words = ctx.words
    weight_word = bool(vocab.WEIGHT.search(words) or vocab.WEIGHT.search(ctx.line_label))
    if vocab.DISTRACTOR.search(words):
        return None  # load capacity, torque, grammage, door weight, shock ...
    if not weight_word and vocab.DISTRACTOR.search(ctx.after):
        return None  # "4 x M36, 2 t WLL each"
    if mention.unit == "gram" and vocab.ACCELERATION.search(ctx.after_line):
        return None  # "20 g (10 ... 2000 Hz)", "100 g, 11 ms"
    per_unit = mention.per_unit or bool(vocab.UNIT.search(words) or vocab.UNIT.search(ctx.after))
    gross = bool(vocab.GROSS.search(words))
    pack = (mention.per_pack or _pack_word(sheet.title, words)) and not per_unit

    def candidate(grams: float, score: float, confidence: float) -> Candidate:
        if vocab.APPROXIMATE.search(words):
            confidence -= 0.05
        return Candidate(grams, score, confidence, mention, ctx)

    per_length = PER_LENGTH_SUFFIX.search(ctx.label)
    if per_length and weight_word and not mention.per_length:  # "Weight per 100 m: 12 kg"
        count = per_length.group("count")
        length = metres(
            per_length.group("length"), float(count.replace(",", ".")) if count else None
        )
        mention = replace(mention, grams=mention.grams / length, per_length=True)
    stated_for = _per_quantity(ctx)
    if stated_for:
        return candidate(mention.grams / stated_for, 70, 0.75)  # "weight per 1000 pcs"
    if pack:
        quantity = pack_quantity(ctx, sheet.decimal_comma) or sheet.pack_quantity
        if quantity:
            return candidate(mention.grams / quantity, 50, 0.6)
        if not gross:
            return None  # a pack weight without its quantity says nothing about one unit
    if not weight_word:
        if per_unit:
            return candidate(mention.grams, 80, 0.7)  # "85 g each", "1.2 kg/pc"
        if mention.start < sheet.title_end and not vocab.LIMIT.search(ctx.label):
            return candidate(mention.grams, 25, 0.4)  # "Sledge hammer 5 kg" in the title
        return None  # a mass with no label: not stated as the article's weight

    if gross:
        score, confidence = 60.0, 0.6
    elif mention.per_length:
        score, confidence = 85.0, 0.8
    elif vocab.NET.search(words):
        score, confidence = 100.0, 0.9
    elif per_unit:
        score, confidence = 95.0, 0.9
    else:
        score, confidence = 90.0, 0.85
    if vocab.LIMIT.search(ctx.label):
        score, confidence = score - 50, 0.3  # "may weigh up to 12 kg": a limit, not a weight
    extras = vocab.WITH_EXTRAS.search(words) or vocab.WITH_EXTRAS.search(ctx.after)
    if extras and not vocab.WITHOUT_EXTRAS.search(words):
        score, confidence = score - 20, confidence - 0.2  # "weight with battery"
    elif vocab.WITHOUT_EXTRAS.search(words):
        score += 3  # "weight (bare tool)"
    return candidate(mention.grams, score, confidence)


def _pack_word(title: str, words: str) -> bool:
    """A container word in the label, unless the article itself is one (its title says so)."""
    match = vocab.PACK.search(words)
    if not match:
        return False
    return match.group(0).lower().rstrip("s") not in title.lower()


def _per_quantity(ctx: Context) -> int | None:
    """N of a weight stated for N pieces, from the label, header or unit suffix."""
    for piece in (ctx.label, ctx.header, ctx.after):
        match = vocab.PER_QUANTITY.search(piece)
        if match:
            count = int(re.sub(r"\D", "", match.group(1)))
            if count >= 2:
                return count
    return None
