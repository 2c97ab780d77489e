"""A cable weight per metre (issue 14), on fresh texts written for this test: on an article
sold per piece whose title names no cable it is a component's weight, not the article's;
on a cable, cord or wire (after a letterhead too) it is the article's weight per metre."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    "text",
    [
        "Floodlight FL-50, 50 W\nConnection cable | H05RN-F 2x1, 0.5 m, cable weight 60 g/m\n"
        "Weight | on request\n",
        "Druckmessumformer DMU-4\nAnschluss: Kabel PVC, 4-adrig, Gewicht 48 g/m\n",
        "Sonda di temperatura ST-2\nCavo: silicone, peso 35 g/m, lunghezza 2 m\n",
    ],
)
def test_the_cable_of_a_piece_article_is_not_its_weight(text: str) -> None:
    assert find_unit_weight(text).grams is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KABELWERK NORD GmbH\nSteuerleitung LiYY 4 x 0,5\nKabelgewicht: 45 g/m\n", 45),
        ("Cordon d'alimentation H05VV-F 3G1,5\nPoids du câble : 120 g/m\n", 120),
    ],
)
def test_a_cable_sheet_keeps_its_weight_per_metre(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)
