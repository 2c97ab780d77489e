"""Repairs of OCR box texts (issue 14), on fresh strings written for this test: zeros read as
o, weight labels glued into one word, and numbers the recogniser was unsure of marked as
doubtful so that the rules give them low confidence."""

import pytest

from cost_model_service.analysis.documents.ocr import _boxes_to_lines
from cost_model_service.analysis.documents.ocr_text import DOUBT, doubtful, repair
from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Gewichtpro1ooStuck", "Gewicht pro 100 Stuck"),
        ("Poidsnet", "Poids net"),
        ("Pesonetto", "Peso netto"),
        ("Weightper5opcs", "Weight per 50 pcs"),
        ("Pesopor1oooarandelas", "Peso por 1000 arandelas"),
        ("3oo g", "300 g"),
        # Not weight labels, or not zeros: left alone.
        ("Unidaddeventa", "Unidaddeventa"),
        ("Weightless", "Weightless"),
        ("12oz", "12oz"),
        ("Modello MO-2", "Modello MO-2"),
    ],
)
def test_repair(raw: str, expected: str) -> None:
    assert repair(raw) == expected


def test_doubtful_numbers() -> None:
    assert doubtful("14,5 g", 0.62, [])  # the recogniser was unsure
    assert not doubtful("Gewicht", 0.62, [])  # no number: nothing to doubt
    # A four-digit integer weight among decimal commas: maybe "14,50 g" lost its comma.
    assert doubtful("1450 g", 0.97, ["13,0 mm", "3,0 mm", "Stahl"])
    assert not doubtful("1450 g", 0.97, ["13.0 mm", "3.0 mm"])
    assert not doubtful("145 g", 0.97, ["13,0 mm", "3,0 mm"])


def _box(x: float, y: float, text: str, score: float) -> list[object]:
    width = 20.0 * len(text)
    corners = [[x, y], [x + width, y], [x + width, y + 30], [x, y + 30]]
    return [corners, text, score]


def test_an_unsure_weight_box_reads_as_low_confidence() -> None:
    boxes = [
        _box(0, 0, "Unterlegscheibe M10", 0.98),
        _box(0, 50, "Dicke", 0.99),
        _box(400, 50, "2,0 mm", 0.99),
        _box(0, 100, "Gewichtje Stuck", 0.97),
        _box(400, 100, "4,4 g", 0.66),
    ]
    text = _boxes_to_lines(boxes)
    assert text.splitlines()[2] == f"Gewicht je Stuck | {DOUBT} 4,4 g"
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(4.4) and result.confidence <= 0.4


def test_a_sure_weight_box_keeps_its_confidence() -> None:
    boxes = [_box(0, 0, "Scheibe S-2", 0.99), _box(0, 50, "Gewicht", 0.99)]
    boxes.append(_box(400, 50, "4,4 g", 0.97))
    result = find_unit_weight(_boxes_to_lines(boxes))
    assert result.grams == pytest.approx(4.4) and result.confidence >= 0.8


def test_long_runs_are_left_alone() -> None:
    # A run of more than 40 letters is no glued label; its tail is not split either.
    word = "x" * 40 + "Poidsnet"
    assert repair(word) == word
    assert repair("Peso" + "de" * 5000) == "Peso" + "de" * 5000


@pytest.mark.parametrize(
    ("glued", "spaced"),
    [("Pesovacio", "Peso vacio"), ("Pesovacío", "Peso vacío"), ("Poidsvide", "Poids vide")],
)
def test_an_empty_weight_label_is_spaced_with_or_without_its_accent(
    glued: str, spaced: str
) -> None:
    assert repair(glued) == spaced
