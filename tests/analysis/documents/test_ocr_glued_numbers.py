"""OCR repairs of numbers (issue 14), on fresh strings written for this test: a mass glued to
the prose word before it, and a decimal point too small to be recognised between two boxes."""

import pytest

from cost_model_service.analysis.documents.ocr import _boxes_to_lines
from cost_model_service.analysis.documents.ocr_text import DOUBT, lost_decimal_point, repair
from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Leergewichtvonknapp2,4kg", "Leergewichtvonknapp 2,4kg"),
        ("poidsdeseulement850g", "poidsdeseulement 850g"),
        ("weighsjust3.5lbs", "weighsjust 3.5lbs"),
        ("pesaappena12oz", "pesaappena 12oz"),
        # Codes, products and other units stay glued.
        ("M20kg", "M20kg"),
        ("2x10kg", "2x10kg"),
        ("Schlauchtulle10mm", "Schlauchtulle10mm"),
    ],
)
def test_a_mass_glued_to_a_word_is_split_off(raw: str, expected: str) -> None:
    assert repair(raw) == expected


def test_lost_decimal_point_needs_a_narrow_gap_and_one_or_two_digits() -> None:
    assert lost_decimal_point("12", "7 kg", gap=3, height=20)
    assert lost_decimal_point("0", "45 lb", gap=2, height=20)
    assert not lost_decimal_point("1", "250 g", gap=3, height=20)  # a thousands group
    assert not lost_decimal_point("12", "7 kg", gap=30, height=20)  # two cells
    assert not lost_decimal_point("Gewicht", "7 kg", gap=3, height=20)


def _box(x0: float, x1: float, y: float, text: str) -> list[object]:
    return [[[x0, y], [x1, y], [x1, y + 20], [x0, y + 20]], text, 0.95]


def test_a_number_split_at_its_point_reads_as_one_doubtful_decimal() -> None:
    boxes = [
        _box(0, 200, 0, "Carretilla CT-70"),
        _box(0, 90, 40, "Peso neto"),
        _box(300, 330, 40, "21"),
        _box(334, 345, 40, "6"),
        _box(350, 380, 40, "kg"),
    ]
    text = _boxes_to_lines(boxes)
    assert text.splitlines()[1] == f"Peso neto | {DOUBT} 21.6 kg"
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(21600) and result.confidence <= 0.4


def test_a_thousands_group_split_off_stays_apart() -> None:
    boxes = [
        _box(0, 200, 0, "Pallet truck PT-2"),
        _box(0, 90, 40, "Capacity"),
        _box(300, 320, 40, "2"),
        _box(324, 370, 40, "500 kg"),
    ]
    assert "2.500" not in _boxes_to_lines(boxes)
