"""A labelled corpus: a directory of sheets and `labels.json` naming the expected answers
(the schema of the shared corpora: `unit_weight_grams`, null for no weight,
`tolerance_pct`, `language`, `format`; other keys such as `trap` are kept for reading)."""

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LABELS_FILE = "labels.json"
DEFAULT_TOLERANCE_PCT = 0.5


class CorpusError(Exception):
    """The corpus cannot be evaluated: no labels file, malformed labels, a missing sheet."""


@dataclass(frozen=True)
class Label:
    file: str
    grams: float | None  # the unit weight expected, None when the sheet states none
    tolerance_pct: float
    language: str
    format: str

    def matches(self, grams: float | None) -> bool:
        if self.grams is None or grams is None:
            return self.grams is None and grams is None
        return abs(grams - self.grams) <= abs(self.grams) * self.tolerance_pct / 100


def load_labels(corpus: Path) -> list[Label]:
    """The labels, sorted by file name; every file they name must exist in `corpus`."""
    path = corpus / LABELS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"{path} not found: a corpus directory holds labels.json") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorpusError(f"{path} cannot be read: {error}") from None
    if not isinstance(raw, dict) or not raw:
        raise CorpusError(f"{path} must be a non-empty object keyed by file name")
    labels = [_label(name, entry, path) for name, entry in sorted(raw.items())]
    missing = [label.file for label in labels if not (corpus / label.file).is_file()]
    if missing:
        raise CorpusError(f"{path} names files that are not in {corpus}: {', '.join(missing)}")
    return labels


def _label(name: str, entry: Any, path: Path) -> Label:
    if not isinstance(entry, dict) or "unit_weight_grams" not in entry:
        raise CorpusError(f"{path}: {name!r} needs an object with unit_weight_grams")
    if Path(name).name != name or name in {"", ".", ".."}:
        raise CorpusError(f"{path}: {name!r} must be a plain file name in the corpus")
    grams, tolerance = entry["unit_weight_grams"], entry.get("tolerance_pct")
    if grams is not None and not _number(grams):
        raise CorpusError(f"{path}: {name!r} unit_weight_grams must be a number or null")
    if tolerance is not None and not (_number(tolerance) and tolerance >= 0):
        raise CorpusError(f"{path}: {name!r} tolerance_pct must be a number >= 0")
    return Label(
        file=name,
        grams=None if grams is None else float(grams),
        tolerance_pct=DEFAULT_TOLERANCE_PCT if tolerance is None else float(tolerance),
        language=str(entry.get("language") or "unknown"),
        format=str(entry.get("format") or Path(name).suffix.lstrip(".").lower() or "unknown"),
    )


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
