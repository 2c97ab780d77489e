"""Choosing which parts of a specification an LLM sees.

Prompt tokens are the cost driver, and a weight is stated in one line of a sheet, so the
weight call gets the header (title, part number, variant ordered) plus windows around
weight words and mass quantities instead of the whole text.
"""

import re
from collections.abc import Sequence

HEADER_CHARS = 1_500
RADIUS = 250  # characters kept either side of a hit
GAP = "\n[...]\n"
MIN_WINDOW = 80  # a shrunken window smaller than this is useless context

# Weight words in en/de/fr/es/it. Substrings are deliberate: "Nettogewicht", "weighs",
# "Stückgewicht", "pesa", "pèse" all count.
WEIGHT_WORDS = re.compile(
    r"weigh|\bmas(?:s|se|sa|a)\b|\bwt\b|gewicht|\bgew\.|\bwiegt|\bpoids|\bp[eè]s[eé]|\bpes[oa]",
    re.IGNORECASE,
)
# A number followed by a mass unit: catches "Carton of 50 pcs, 12.5 kg" without a weight word.
MASS_QUANTITIES = re.compile(
    r"\d\s*(?:kg|g|mg|t|lbs?|oz|grams?|grammes?|gramm|gramos?|grammi|kilos?|tonnes?|pounds?)\b",
    re.IGNORECASE,
)
_MAX_HITS = 200  # per pattern; a sheet with more hits than this is a table dump


def weight_excerpt(text: str, max_chars: int) -> str:
    return excerpt(text, [WEIGHT_WORDS, MASS_QUANTITIES], max_chars)


def excerpt(
    text: str,
    patterns: Sequence[re.Pattern[str]],
    max_chars: int,
    header_chars: int = HEADER_CHARS,
) -> str:
    """The header plus windows around matches of `patterns` (earlier patterns first), in
    document order, joined by [...] markers; never longer than `max_chars` in total."""
    if len(text) <= header_chars and len(text) <= max_chars:
        return text
    # Leave room for the trailing [...] marker that says the text goes on.
    spans = [(0, min(header_chars, max(0, max_chars - len(GAP))))]
    for pattern in patterns:
        for n, match in enumerate(pattern.finditer(text)):
            if n >= _MAX_HITS:
                break
            spans = _add_window(text, spans, match.start(), match.end(), max_chars)
    return _render(text, spans)


def _add_window(
    text: str, spans: list[tuple[int, int]], start: int, end: int, max_chars: int
) -> list[tuple[int, int]]:
    radius = RADIUS
    while True:
        window = _snap(text, max(0, start - radius), min(len(text), end + radius))
        candidate = _merge([*spans, window])
        if len(_render(text, candidate)) <= max_chars:
            return candidate
        # Shrink around the hit rather than drop it: the line itself is what matters.
        radius //= 2
        if window[1] - window[0] < MIN_WINDOW or radius == 0:
            return spans


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a window to whole lines (table rows stay readable) unless that costs > 80 chars."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return (
        line_start if start - line_start <= 80 else start,
        line_end if line_end - end <= 80 else end,
    )


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        # Windows closer than a gap marker are cheaper joined than separated.
        if merged and start <= merged[-1][1] + len(GAP):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _render(text: str, spans: list[tuple[int, int]]) -> str:
    out = GAP.join(text[start:end] for start, end in spans if end > start)
    last_end = spans[-1][1] if spans else 0
    return out + GAP.rstrip("\n") if last_end < len(text) and out else out
