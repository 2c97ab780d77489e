"""The sales unit decides whether a weight stated per piece or per N pieces is multiplied:
when the article is a set, box or pack of N pieces ("Juego de 10 discos", "Sales unit: box
of 200", a pack the title names holding 10,000 staples), a weight per piece is one of its N
pieces' and a weight per 1000 pieces is scaled to the N the article holds."""

import re

from cost_model_service.analysis.rules.containers import LENGTH_KINDS
from cost_model_service.analysis.rules.context import Context
from cost_model_service.analysis.rules.parts import SET_OF
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
    r"cadauno)",
    re.IGNORECASE,
)


def article_pieces(sheet: Sheet) -> float | None:
    """N when the article is a set or container of N pieces, from the title ("set of 10")
    or the contents of the container the title or sales unit names."""
    title = sheet.title[:500]  # bounded: a text without newlines is one "title"
    in_set = SET_OF.search(title)
    if in_set and int(in_set.group(1)) >= 2:
        return float(in_set.group(1))
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
    if _ONE_PIECE.search(ctx.label) or _ONE_PIECE.match(ctx.after.strip()):
        return True  # "Weight per piece: 9 g", "Weight: 9 g each"
    in_set = SET_OF.search(sheet.title[:500])
    counted = sheet.title[in_set.end() : in_set.end() + 40].split() if in_set else []
    per = _PER_PIECE.search(ctx.label)
    if not (counted and per):
        return False
    # The counted noun may come after a qualifier: "Set of 6 hex keys".
    stem = per.group("noun").lower()[:4]
    return any(word.lower().startswith(stem) for word in counted[:3])
