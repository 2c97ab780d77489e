"""The rules analyzer on held-out corpus B (tests/data/specs_heldout/), written blind.

Prints the accuracy overall, per format and per language, and every miss. For now it only
asserts that every sheet was read and analysed without an exception; the accuracy bar is
set once the figure is known.
"""

import asyncio
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from cost_model_service.analysis.documents import extract_text
from cost_model_service.analysis.rules import RulesAnalyzer

HELDOUT = Path(__file__).parent.parent / "data" / "specs_heldout"
LABELS = json.loads((HELDOUT / "labels.json").read_text(encoding="utf-8"))


@dataclass
class Outcome:
    name: str
    label: dict
    grams: float | None = None
    evidence: str | None = None
    error: str | None = None

    @property
    def hit(self) -> bool:
        if self.error is not None:
            return False
        expected = self.label["unit_weight_grams"]
        if expected is None or self.grams is None:
            return expected is None and self.grams is None
        return abs(self.grams - expected) <= abs(expected) * self.label["tolerance_pct"] / 100


async def analyse(analyzer: RulesAnalyzer, name: str) -> Outcome:
    outcome = Outcome(name, LABELS[name])
    try:
        # The same path as the service: bytes -> extract_text in a thread -> the analyzer.
        data = await asyncio.to_thread((HELDOUT / name).read_bytes)
        text = await asyncio.to_thread(extract_text, name, None, data)
        result = await analyzer.extract_weight(text)
    except Exception as exc:  # reported below; one broken sheet must not hide the others
        outcome.error = f"{type(exc).__name__}: {exc}"
        return outcome
    outcome.grams, outcome.evidence = result.grams, result.evidence
    return outcome


def _line(title: str, outcomes: list[Outcome]) -> str:
    hits = sum(o.hit for o in outcomes)
    return f"{title:<12} {hits:>2}/{len(outcomes):<2} = {100 * hits / len(outcomes):5.1f} %"


def report(outcomes: list[Outcome]) -> str:
    lines = ["", "Held-out corpus B, rules analyzer", _line("overall", outcomes)]
    for field in ("format", "language"):
        groups: dict[str, list[Outcome]] = defaultdict(list)
        for outcome in outcomes:
            groups[outcome.label[field]].append(outcome)
        lines.append(f"per {field}:")
        lines += [f"  {_line(key, groups[key])}" for key in sorted(groups)]
    misses = [o for o in outcomes if not o.hit]
    lines.append(f"misses ({len(misses)}):")
    for o in misses:
        got = o.error or o.grams
        lines.append(
            f"  {o.name}: expected {o.label['unit_weight_grams']}, got {got}, "
            f"evidence {o.evidence!r}"
        )
    return "\n".join(lines)


def test_every_sheet_has_a_label() -> None:
    sheets = {p.name for p in HELDOUT.iterdir()} - {"labels.json", "README.md"}
    assert sheets == set(LABELS)
    assert len(sheets) == 30


async def test_rules_analyzer_on_heldout_corpus() -> None:
    analyzer = RulesAnalyzer()
    outcomes = [await analyse(analyzer, name) for name in sorted(LABELS)]
    print(report(outcomes))
    failed = {o.name: o.error for o in outcomes if o.error is not None}
    assert not failed, failed
    assert len(outcomes) == len(LABELS)
