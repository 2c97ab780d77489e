"""The sales unit decides whether a weight stated per piece or per N pieces is multiplied:
when the article is a set, box, pack or pair of N pieces ("Juego de 10 discos", "Sales unit:
box of 200", "Schraubzwingen-Set 4-tlg.", "Verkaufseinheit: 1 Paar"), a weight per piece is
one of its N pieces' and a weight per 1000 pieces is scaled to the N the article holds. When
the sales or price unit is one piece, the article is one piece whatever its title packs."""

import re

from cost_model_service.analysis.rules.containers import LENGTH_KINDS, kind_of, kinds_in
from cost_model_service.analysis.rules.context import Context
from cost_model_service.analysis.rules.parts import SET_OF, SET_WORD
from cost_model_service.analysis.rules.sheet import Sheet

# "per disco", "pro Scheibe", "par disque", "each disc": the counted piece after a per-word.
_PER_PIECE = re.compile(
    r"(?<![^\W_])(?:per|por|pro|par|pour|je|each|cada)[ \t]+(?:(?:one|un[oa]?|1)[ \t]+)?"
    r"(?P<noun>[^\W\d_]{3,})",
    re.IGNORECASE,
)
# A weight said to be one piece's, whatever the piece is called.
_ONE_PIECE = re.compile(
    r"(?<![^\W_])(?:per[ ](?:piece|pc|item)|each\b|piece[ ]weight|st[üu]ckgewicht|"
    r"(?:pro|je)[ ]st[üu]ck|par[ ]pi[eè]ce|por[ ](?:unidad|pieza)|per[ ]pezzo|al[ ]pezzo|"
    r"cadauno|unit[ ](?:weight|wt)|poids[ ]unitaire|peso[ ]unitario|einzelgewicht|"
    r"peso[ ](?:por[ ])?unidad)",
    re.IGNORECASE,
)
# One of the pieces, said without a per-word: "Poids unitaire d'une ampoule", "weight of one
# disc", "Gewicht (Einzelschuh)", "peso singolo", "poids individuel".
_ONE_OF = re.compile(
    r"(?:(?<![^\W_])(?:of|d'|de|di|del|per|pour|par|por|je|pro|for|f[üu]r)\s*|\(\s*)"
    r"(?:one|un[oae]?|un'|ein(?:e[rms]?)?|1)\s+[^\W\d_]{3,}|(?<![^\W_])(?:einzel\w*|single|"
    r"individu\w*|singol[oa]|unitari[oa]\s+(?:de|di)\b)",
    re.IGNORECASE,
)
# A set's count in its title: "Set 4-tlg.", "8-piece set", "Juego 6 piezas".
_SET_COUNT = re.compile(
    r"(?<![\w.,])(\d{1,3})[ \t-]?(?:tlg\.?|teilig\w*|pcs?\.?|pieces?|piece|pi[eè]ces|"
    r"piezas|pezzi|st[üu]ck|stk\.?)(?![^\W_])",
    re.IGNORECASE,
)
_PARTS = re.compile(r"(?<![\w.,])(\d{1,3})[ \t-]?(?:tlg\.?|teilig\w*)(?![^\W_])", re.I)
# The pieces a set holds, stated in the sheet: "Stück im Set | 4", "pieces per kit: 6".
_IN_SET = re.compile(
    r"(?<![^\W_])(?:st[üu]ck|teile|pieces|pcs|pi[eè]ces|piezas|unidades|pezzi|parts)\s*"
    r"(?:im|in|per|pro|je|par|dans|por|en|del|nel|/)\s*(?:the\s+|le\s+|el\s+|il\s+)?"
    r"(?:set|kit|satz|jeu|juego|lotto)\W{0,6}(\d{1,3})(?![\d.,])",
    re.IGNORECASE,
)
_PAIR_OR_SET = re.compile(
    r"pairs?|paar|paires?|paio|paia|par(?:es)?|sets?|kits?|satz|jeux?|juegos?", re.IGNORECASE
)

# One of a pair, by its noun (en de fr es it): "per shoe", "je Handschuh", "par gant".
_PAIRED = re.compile(
    r"(?:shoe|boot|glove|sock|insole|earplug|schuh|stiefel|handschuh|socke|sohle|chaussure|"
    r"botte|gant|chaussette|semelle|zapato|bota|guante|calcet[íi]n|plantilla|scarpa|stivale|"
    r"guanto|calza|soletta)(?:e?s|n)?",
    re.IGNORECASE,
)


def article_pieces(sheet: Sheet) -> float | None:
    """N when the article is a set, pair or container of N pieces: from the sales unit ("1
    lot (6 ampoules)", "1 Paar"), the title ("set of 10", "Set 4-tlg.") or the contents of
    the container the title or sales unit names; None when it is one piece."""
    sold = sheet.sold
    if sold and sold.single:
        return None  # "Price per piece": the title's "pack of 10" is how it is delivered
    if sold and sold.count and sold.count >= 2:
        return sold.count
    title = sheet.title[:500]  # bounded: a text without newlines is one "title"
    in_set = SET_OF.search(title)
    if in_set and int(in_set.group(1)) >= 2:
        return float(in_set.group(1))
    parts = _PARTS.search(title)  # "10-teilig", "4-tlg.": a set of N parts
    if parts and int(parts.group(1)) >= 2:
        return float(parts.group(1))
    if SET_WORD.search(title) or (sold and not (sold.kind or sold.by_area)):  # a set
        counted = _SET_COUNT.search(title) or _IN_SET.search(sheet.text[:20_000])
        if counted and int(counted.group(1)) >= 2:
            return float(counted.group(1))
    for kind in sorted(sheet.title_kinds):
        if kind in LENGTH_KINDS and sheet.by_length:
            continue  # a drum of 500 m holds metres, not pieces
        count = sheet.contents.units_of_article(kind)
        if count and count >= 2:
            return count
    return None


def names_one_piece(sheet: Sheet, ctx: Context) -> bool:
    """The label states the weight of one of the set's pieces: "Weight per piece", or
    "Masa por disco" in a "Juego de 10 discos" (a noun the title counts, by its stem)."""
    if _ONE_PIECE.search(ctx.words) or _ONE_PIECE.match(ctx.after.strip()):
        return True  # "Weight per piece: 9 g", "Weight: 9 g each", a "wt_per_pc_g" column
    if _ONE_OF.search(ctx.words):
        return True  # "Poids unitaire d'une ampoule", "Gewicht (Einzelschuh)"
    article = _article_kind(sheet)
    for inner in kinds_in(ctx.label):
        if inner != article and inner in sheet.title_kinds and not sheet.contents.knows(inner):
            return True  # "Peso rotolo" in a "confezione da 10 rotoli": one of its rolls
    # "Peso por bota", or after the weight: "640 g per boot".
    per = _PER_PIECE.search(ctx.label) or _PER_PIECE.match(ctx.after.strip())
    if per is None:
        return False
    noun = per.group("noun")
    if _PAIRED.fullmatch(noun):
        return True  # one shoe of the pair, whatever the title calls it ("Stiefel")
    kind = kind_of(noun)
    if _PAIR_OR_SET.fullmatch(noun) or (kind and kind == article):
        return False  # "weight per set", "Peso por caja" when the box is the article
    # A noun the title names, maybe inside a compound: "je Zwinge" in "Schraubzwingen-Set".
    stem = noun.lower()[:4]
    return any(stem in word.lower() for word in sheet.title_text[:500].split())


def _article_kind(sheet: Sheet) -> str | None:
    """The container the article is: the sales unit's, else the first the title names."""
    if sheet.sold and sheet.sold.kind:
        return sheet.sold.kind
    kinds = [kind_of(word) for word in sheet.title[:500].split()]
    return next((kind for kind in kinds if kind), None)
