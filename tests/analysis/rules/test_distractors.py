"""Masses that are not the article's weight (issue 14), on fresh texts written for this
test: a maximum in es/it/de, a user's weight, a supported load."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Taburete T-2\nPeso máximo admitido: 130 kg\nPeso: 4,5 kg\n", 4500),
        ("Sgabello S-4\nPeso massimo: 100 kg\nPeso: 3,8 kg\n", 3800),
        ("Hocker H-1\nHöchstgewicht Person: 120 kg\nGewicht: 5 kg\n", 5000),
        ("Step stool SS-3\nUser weight: 150 kg\nWeight: 2.9 kg\n", 2900),
        ("Estantería E-5\nPeso soportado por balda: 80 kg\nPeso: 15 kg\n", 15000),
        ("Étagère E-6\nCharge supportée : 60 kg\nPoids : 9 kg\n", 9000),
    ],
)
def test_limits_and_loads_are_not_the_weight(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Torch T-1\nAt only 310 g it is the lightest torch of the range.\n", 310),
        ("Leuchte LE-2\nMit 640 g ist sie die leichteste Leuchte der Serie.\n", 640),
    ],
)
def test_superlatives_make_a_sentence_about_weight(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)
