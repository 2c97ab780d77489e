"""The rules analyzer on the labelled corpora, through `evaluate` (the `cms eval` path):
A (tests/data/specs, developed on), B (specs_heldout, blind when it came), C (specs_c,
blind, measured once before any rule change: 47/71), D (specs_d, blind, written after C's
fixes: 40/57 before its own), E (specs_e, blind, written after D's fixes: 47/65 before its
own), F, G and H (specs_f/g/h, blind, 46, 42 and 39 of 64 before their own), Z (specs_z,
sealed while F/G/H were fixed: 53/70 after them, 54/70 before) and Y (specs_y, sealed while
Z was fixed: 45/60 after both rounds, as before them), X and W (specs_x/w, sealed while Z
and Y were fixed and written to a brief stating the labelling conventions: 75/96 and 82/95
when measured once, 68 and 79 on the main before the F/G/H round), V and U (specs_v/u,
sealed while X and W were fixed: 73/88 and 64/72 when measured once after that round,
70 and 63 before it), T and S (specs_t/s, sealed while V and U were fixed: 75/80 and
70/80 when measured once after that round, 70 and 65 on the session's starting main), R
and Q (specs_r/q, sealed while T and S were fixed: 73/80 and 71/80 when measured once
after that round, 72 and 68 on the session's starting main; docs/ACCURACY.md).

The floors are the figures reached after the issue-14 fixes: a regression below them is a
failure. C, D and E are no longer unseen once their misses were read, so their floors guard
the fixes; they do not measure accuracy on new sheets.
"""

import asyncio
import json
from pathlib import Path

import pytest

from cost_model_service.analysis.documents import extract_text
from cost_model_service.analysis.rules import RulesAnalyzer
from cost_model_service.config import Settings
from cost_model_service.evaluation import evaluate, load_labels
from cost_model_service.evaluation.report import Outcome

DATA = Path(__file__).parents[1] / "data"
# Hits after the fixes: A 24/24, B 30/30, C 71/71 (the OCR's glued "Pesopor1oopiezas" is
# repaired since), D 57/57 (blind at 40/57; a working set since its misses were read),
# E 65/65 (blind at 47/65 after D's fixes; a working set since).
# F 64/64, G 64/64, H 64/64 (blind at 46, 42, 39), Z 69/70 (53 when measured sealed; its
# ratchet_strap_pack_of_4 labels a piece where other corpora label the pack), X 96/96 and
# W 95/95 (blind at 75 and 82), V 88/88 and U 72/72 (blind at 73 and 64), T 80/80 and
# S 80/80 (blind at 75 and 70). Y 49/60 (45 when measured; prose rules of rounds X/W and
# V/U happen to cover four of its sheets), R 73/80 and Q 71/80: their misses are not worked
# on, so their floors are their unseen figures and their confidence bands are not checked.
FLOORS = {
    "specs": 24,
    "specs_heldout": 30,
    "specs_c": 71,
    "specs_d": 57,
    "specs_e": 65,
    "specs_f": 64,
    "specs_g": 64,
    "specs_h": 64,
    "specs_z": 69,
    "specs_y": 49,
    "specs_x": 96,
    "specs_w": 95,
    "specs_v": 88,
    "specs_u": 72,
    "specs_t": 80,
    "specs_s": 80,
    "specs_r": 73,
    "specs_q": 71,
}
UNFIXED = {"specs_y", "specs_r", "specs_q"}
BLIND = [
    "specs_c",
    "specs_d",
    "specs_e",
    "specs_f",
    "specs_g",
    "specs_h",
    "specs_z",
    "specs_y",
    "specs_x",
    "specs_w",
    "specs_v",
    "specs_u",
    "specs_t",
    "specs_s",
    "specs_r",
    "specs_q",
]
FORMATS = {"txt", "md", "csv", "json", "html", "pdf", "docx", "png"}


@pytest.mark.parametrize("corpus", BLIND)
def test_a_blind_corpus_is_complete(corpus: str) -> None:
    labels = json.loads((DATA / corpus / "labels.json").read_text(encoding="utf-8"))
    sheets = {p.name for p in (DATA / corpus).iterdir()} - {"labels.json", "README.md"}
    assert sheets == set(labels) and len(sheets) >= 57
    assert {label["format"] for label in labels.values()} >= FORMATS
    assert {label["language"] for label in labels.values()} == {"en", "de", "fr", "es", "it"}


@pytest.mark.parametrize(
    "corpus", ["specs_c", "specs_d", "specs_e", "specs_f", "specs_g", "specs_h"]
)
async def test_text_sheets_in_process(corpus: str) -> None:
    """The quick tier: the working sets' sheets that need no OCR, read and analysed in this
    process."""
    analyzer = RulesAnalyzer()
    missed = []
    for label in load_labels(DATA / corpus):
        if label.format == "png":
            continue
        data = (DATA / corpus / label.file).read_bytes()
        text = await asyncio.to_thread(extract_text, label.file, None, data)
        result = await analyzer.extract_weight(text)
        outcome = Outcome(label, result.grams, result.evidence, result.confidence)
        if not outcome.hit:
            missed.append((label.file, label.grams, result.grams, result.evidence))
    assert not missed


@pytest.mark.slow  # OCR of the images: about ten seconds each
@pytest.mark.corpora
@pytest.mark.timeout(600)
@pytest.mark.parametrize("corpus", sorted(FLOORS))
async def test_accuracy_floor(corpus: str, settings: Settings) -> None:
    report = await evaluate(DATA / corpus, settings)
    print(report.as_text())
    assert report.as_json()["hits"] >= FLOORS[corpus]
    # Confidence means something: no band of given weights does better than `high`.
    bands = report.as_json()["by_confidence"]
    if "high" in bands and corpus not in UNFIXED:
        assert all(
            bands["high"]["accuracy"] >= band["accuracy"]
            for name, band in bands.items()
            if name != "none"
        )
