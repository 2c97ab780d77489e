"""What an evaluation found: one outcome per sheet, accuracy overall and by group.

Confidence bands group the answers that gave a weight by the analyzer's confidence
(high >= 0.8, medium 0.5-0.8, low < 0.5); answers without a weight (right or wrong) form
the band `none`, since a confidence attached to "no weight" says little.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cost_model_service.evaluation.corpus import Label

HIGH, MEDIUM = 0.8, 0.5
BANDS = {
    "high": "confidence >= 0.8",
    "medium": "0.5 <= confidence < 0.8",
    "low": "confidence < 0.5",
    "none": "no weight given",
}


@dataclass(frozen=True)
class Outcome:
    label: Label
    grams: float | None = None
    evidence: str | None = None
    confidence: float = 0.0
    method: str | None = None
    error: str | None = None  # the sheet could not be read or analysed

    @property
    def hit(self) -> bool:
        return self.error is None and self.label.matches(self.grams)

    @property
    def band(self) -> str:
        if self.grams is None:
            return "none"
        if self.confidence >= HIGH:
            return "high"
        return "medium" if self.confidence >= MEDIUM else "low"


def _tally(outcomes: list[Outcome]) -> dict[str, Any]:
    hits = sum(o.hit for o in outcomes)
    return {
        "total": len(outcomes),
        "hits": hits,
        "accuracy": round(hits / len(outcomes), 4) if outcomes else 0.0,
    }


def _grouped(outcomes: list[Outcome], key: Callable[[Outcome], str]) -> dict[str, Any]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[key(outcome)].append(outcome)
    return {name: _tally(groups[name]) for name in sorted(groups)}


@dataclass(frozen=True)
class Report:
    corpus: str
    analyzer: str
    outcomes: list[Outcome]

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.hit]

    def as_json(self) -> dict[str, Any]:
        bands = _grouped(self.outcomes, lambda o: o.band)
        return {
            "corpus": self.corpus,
            "analyzer": self.analyzer,
            **_tally(self.outcomes),
            "by_format": _grouped(self.outcomes, lambda o: o.label.format),
            "by_language": _grouped(self.outcomes, lambda o: o.label.language),
            "by_confidence": {band: bands[band] for band in BANDS if band in bands},
            "misses": [
                {
                    "file": o.label.file,
                    "expected": o.label.grams,
                    "got": o.grams,
                    "evidence": o.error or o.evidence,
                    "confidence": o.confidence,
                    "error": o.error is not None,
                }
                for o in self.misses
            ],
        }

    def as_text(self) -> str:
        data = self.as_json()
        lines = []
        for miss in self.misses:
            got = "error" if miss.error else _grams(miss.grams)
            lines.append(
                f"MISS {miss.label.file}: expected {_grams(miss.label.grams)}, got "
                f"{got} (confidence {miss.confidence:.2f})"
            )
            lines.append(
                f"     error: {miss.error}" if miss.error else f"     evidence: {miss.evidence!r}"
            )
        lines.append(f"\n{self.corpus}, analyzer {self.analyzer}")
        lines.append(_row("overall", data))
        for title, key in (
            ("format", "by_format"),
            ("language", "by_language"),
            ("confidence", "by_confidence"),
        ):
            lines.append(f"by {title}:")
            for name, tally in data[key].items():
                extra = f"  ({BANDS[name]})" if key == "by_confidence" else ""
                lines.append("  " + _row(name, tally) + extra)
        return "\n".join(lines)


def _row(name: str, tally: dict[str, Any]) -> str:
    return f"{name:<10} {tally['hits']:>3}/{tally['total']:<3} = {100 * tally['accuracy']:5.1f} %"


def _grams(grams: float | None) -> str:
    return "no weight" if grams is None else f"{grams:g} g"
