"""Scoring one mass mention: what kind of weight its label states, and how sure that is.

Scores rank the kinds of statement (net/per-piece > plain weight > weight per metre >
weight stated per N pieces > gross > net pack weight > gross pack weight, each pack weight
divided by the units it holds).
"""

import re
from dataclasses import dataclass, replace

from cost_model_service.analysis.documents.ocr_text import DOUBT
from cost_model_service.analysis.rules import (
    coordinated,
    parts,
    prose,
    records,
    sales_unit,
    separate,
    terms,
    vocab,
)
from cost_model_service.analysis.rules.areas import AREA_MASS
from cost_model_service.analysis.rules.context import Context, context_of
from cost_model_service.analysis.rules.mentions import Mention
from cost_model_service.analysis.rules.other_models import bracketed_other_model
from cost_model_service.analysis.rules.pack_weights import (
    container_of,
    sold_pack_units,
    units_in,
    weighed_length,
)
from cost_model_service.analysis.rules.per_quantity import stated_count
from cost_model_service.analysis.rules.pieces import about_a_cut_piece
from cost_model_service.analysis.rules.relative_parts import hung_on_a_part
from cost_model_service.analysis.rules.sheet import Sheet
from cost_model_service.analysis.rules.units import PER_AREA_SUFFIX

_NEW_TERM = re.compile(r"\s*;\s*[^\W\d_]")


@dataclass(frozen=True)
class Candidate:
    grams: float
    score: float
    confidence: float
    mention: Mention
    context: Context
    variant: int = 0  # how strongly its row (column) names the variant given in the title
    divisor: float | None = None  # the count a pack's, set's or N pieces' weight was divided by


def assess(sheet: Sheet, mention: Mention) -> Candidate | None:
    ctx = context_of(sheet.text, mention, sheet.mentions)
    words = ctx.words
    # A later value of the line shares its label ("Weight | 1.4 kg | 1.7 kg"), unless a
    # new term opens after a semicolon ("Weight: 11.8 kg; Load per pair: 2,000 kg").
    own_term = bool(_NEW_TERM.match(ctx.label))
    weight_word = bool(
        vocab.WEIGHT.search(words) or (vocab.WEIGHT.search(ctx.line_label) and not own_term)
    )
    # "42,3 kg/m" is a weight per metre by its unit alone (a load would be labelled one),
    # but read without a label it is less sure.
    unlabelled_linear = mention.per_length and not weight_word
    weight_word = weight_word or mention.per_length
    if weight_word and PER_AREA_SUFFIX.search(ctx.label[-30:]):
        mention = replace(mention, per_area=True)  # "Peso por m²: 7,85 kg"
    if mention.per_area and not sheet.piece_area:
        return None  # a grammage or area mass, and no stated size of the one article
    # Another term of the line is no label of this mass: "Capacité : 20 l - Poids à vide".
    term = ctx.term_words
    if mention.per_area:  # "Flächengewicht" names the area mass we multiply here
        words, term = AREA_MASS.sub(" ", words), AREA_MASS.sub(" ", term)
    # A one-record export's name field names the article ("Gegengewicht GG-1250").
    own = records.without_article_name(term, records.article_name_cells(sheet.text, mention.start))
    if vocab.DISTRACTOR.search(own) or vocab.COMPONENT.search(own):
        return None  # load capacity, torque, grammage, door weight, copper weight ...
    if parts.accessory(sheet, ctx, mention) or parts.cable_of_the_article(sheet, ctx, mention):
        return None  # a bracket sold beside the article, a sensor's cable per metre
    if parts.a_named_part(sheet, ctx) or separate.bracketed_part(sheet, ctx):
        return None  # "peso del conector: 12 g" on a valve's sheet, "(side handle 0.3 lb)"
    if separate.separate_item(sheet, ctx, weight_word):
        return None  # "transducers are sold separately" beside "transducers.weight: 0.4"
    if hung_on_a_part(sheet, mention):
        return None  # "una cadena de acero ..., que pesa 0,55 kg por metro" on a hoist
    if coordinated.counted_in_the_weight(sheet.text, mention.end):
        return None  # "pesa 0,6 kg y ya está contenido en el peso indicado": a part's
    if coordinated.another_subject(sheet.title, ctx):
        return None  # "pèse 0,7 kg et la console déportée 0,2 kg"
    if prose.another_models(ctx) or bracketed_other_model(sheet.text, mention):
        return None  # "the previous model, at 400 g", "400 g lighter"
    if not weight_word and vocab.DISTRACTOR.search(ctx.after):
        return None  # "4 x M36, 2 t WLL each"
    if mention.unit == "gram" and vocab.ACCELERATION.search(ctx.after_line):
        return None  # "20 g (10 ... 2000 Hz)", "100 g, 11 ms"
    # Its own sentence says "each": "Preis je Stück. Kartongewicht 1,64 kg" weighs a carton.
    own_words = f"{prose.clause_of(ctx.label)} {ctx.header}"
    per_unit = mention.per_unit or bool(
        vocab.UNIT.search(own_words) or vocab.UNIT.search(ctx.after)
    )
    gross = bool(vocab.GROSS.search(words))
    # "12.5 kg/carton"; not "a box frame" before "the weight of the FP-15", nor a "Cassa"
    # (housing) named in an earlier sentence.
    weighed = terms.weighed_from(terms.own_term(words, sentences=True))
    quantity_text = f"{weighed} {sheet.text[mention.start : mention.end]}"
    # A weight per metre is no container's weight ("rollo 50 m | 0,08 kg/m").
    measured = per_unit or mention.per_length
    container = None if measured else container_of(sheet, quantity_text)
    own_pack = None if measured or container else sold_pack_units(sheet, quantity_text)

    def candidate(
        grams: float, score: float, confidence: float, divisor: float | None = None
    ) -> Candidate:
        if vocab.APPROXIMATE.search(words):
            confidence -= 0.05
        if mention.summed:
            confidence = min(confidence, 0.75)  # added up from two fields: derived
        if DOUBT in ctx.label.rpartition("|")[2]:
            confidence = min(confidence, 0.4)  # OCR was unsure of this number
        return Candidate(grams, score, confidence, mention, ctx, divisor=divisor)

    divided_by_length = False
    if weight_word and not mention.per_length:
        length = weighed_length(sheet, ctx, container)
        if length:  # "Weight per 100 m: 12 kg", or "Weight of 100 m" when sold by the metre
            mention = replace(mention, grams=mention.grams / length, per_length=True)
            container, divided_by_length = None, True
    stated_for = stated_count(ctx)
    pieces = sales_unit.article_pieces(sheet)  # the article is a set or box of N pieces
    if stated_for and pieces:  # "per 1000 pcs" on a box of 10,000
        return candidate(mention.grams * pieces / stated_for, 70, 0.7, stated_for / pieces)
    if stated_for:
        return candidate(mention.grams / stated_for, 70, 0.75, stated_for)  # "per 1000 pcs"
    if pieces and (mention.per_unit or sales_unit.names_one_piece(sheet, ctx)):
        # "Masa por disco", "12 g each", "9 g/pc" in a set or pack of N
        return candidate(mention.grams * pieces, 70, 0.7, 1 / pieces)
    if own_pack:  # "Sales unit: box of 200", "Net weight per box": a pack weight
        return candidate(
            mention.grams / own_pack, 45 if gross else 50, 0.45 if gross else 0.6, own_pack
        )
    in_set = parts.set_size(sheet, ctx, mention)
    if in_set:
        return candidate(mention.grams / in_set, 70, 0.7, in_set)  # "weight (set of 4)"
    if container:
        units = units_in(sheet, ctx, container, mention.start)
        if units:  # net pack weight beats gross; a gross carton is never one unit's weight
            pack_score, pack_confidence = (45.0, 0.45) if gross else (50.0, 0.6)
            return candidate(mention.grams / units, pack_score, pack_confidence, units)
        if not gross or not (vocab.WITH_EXTRAS.search(words) or vocab.PACKED_IN.search(words)):
            return None  # a pack weight without its quantity says nothing about one unit
        # else one unit with its packaging: "Gross weight incl. carton", "packed in a box"
    if not weight_word:
        if per_unit:
            return candidate(mention.grams, 80, 0.7)  # "85 g each", "1.2 kg/pc"
        if mention.start < sheet.title_end and not vocab.LIMIT.search(ctx.label):
            return candidate(mention.grams, 25, 0.4)  # "Sledge hammer 5 kg" in the title
        if prose.in_a_weight_sentence(sheet.text, mention) and not vocab.LIMIT.search(ctx.label):
            return candidate(mention.grams, 65, 0.6)  # "With only 320 g, the OP-28 weighs ..."
        return None  # a mass with no label: not stated as the article's weight

    if gross:
        score, confidence = 60.0, 0.6
    elif mention.per_area and sheet.piece_area:
        # One sheet or plate of stated size: kg/m² x area, derived, below a stated weight.
        mention = replace(mention, grams=mention.grams * sheet.piece_area)
        score, confidence = 80.0, 0.65
    elif mention.per_length and sheet.piece_metres:
        # One piece of stated length: kg/m x length, a derived value.
        mention = replace(mention, grams=mention.grams * sheet.piece_metres)
        score, confidence = 85.0, 0.7
    elif mention.per_length and about_a_cut_piece(sheet.title_text, sheet.text):
        return None  # a piece cut to a length not found: kg/m is not its weight
    elif mention.per_length:
        # A weight per metre read as such beats one divided from a ring's or drum's weight.
        score, confidence = (84.0, 0.75) if divided_by_length else (85.0, 0.8)
    elif vocab.NET.search(words):
        score, confidence = 100.0, 0.9
    elif per_unit:
        score, confidence = 95.0, 0.9
    else:
        score, confidence = 90.0, 0.85
    if vocab.LIMIT.search(term):
        score, confidence = score - 50, 0.3  # "may weigh up to 12 kg": a limit, not a weight
    per_area = vocab.PER_AREA.search(ctx.label) or vocab.PER_AREA.match(ctx.after.strip())
    if per_area and not (sheet.sold and sheet.sold.by_area):
        score, confidence = score - 55, 0.3  # "Gewicht je m²": an area's, below a pack's
    own = f"{prose.clause_of(ctx.label)} {ctx.header}"  # not a wrapped sentence above
    extras = parts.with_extras(own) or parts.with_extras(ctx.after)
    if extras and not vocab.WITHOUT_EXTRAS.search(words):
        score, confidence = score - 20, confidence - 0.2  # "weight with battery"
    elif vocab.WITHOUT_EXTRAS.search(words):
        score += 3  # "weight (bare tool)"
    if vocab.TOTAL.search(words) and not gross:
        score += 2  # "Total weight" over "Shelf weight"
    if parts.SET_OF.search(sheet.title[:500]) and parts.SET_WORD.search(ctx.label):
        score += 5  # the set is the article: "set weight" over one bracket's weight
    if unlabelled_linear:
        score, confidence = score - 5, confidence - 0.1
    return candidate(mention.grams, score, confidence)
