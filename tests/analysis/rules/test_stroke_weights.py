"""A cylinder's weight as a base plus an increment per stroke length (issue 14): derived for
the stroke the title or order line names, at a derived value's confidence. Fresh texts
written for this test, in five languages and several layouts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # German key/value lines, the stroke in the title.
        (
            "Kurzhubzylinder KZ-32, Hub 80 mm\nGrundgewicht (Hub 0): 0,41 kg\n"
            "Mehrgewicht je 10 mm Hub: 0,012 kg\n",
            410 + 12 * 8,
        ),
        # French table rows, the stroke on an order line.
        (
            "Vérin VC-50\nCommande : course 125 mm\nDonnée | Valeur\n"
            "Poids de base (course 0) | 0,95 kg\nSupplément par 25 mm de course | 0,06 kg\n",
            950 + 60 * 5,
        ),
        # English markdown with bold values.
        (
            "# Cylinder CY-40 — stroke 200 mm\n* weight at 0 mm stroke: **0.70 kg**\n"
            "* extra weight per 10 mm of stroke: **0.015 kg**\n",
            700 + 15 * 20,
        ),
        # Italian JSON key paths (flattened), the stroke in the order line.
        (
            "prodotto: Cilindro CI-25\nordine: corsa 50 mm\npeso_base_corsa_0: 180 g\n"
            "peso_aggiuntivo_ogni_10_mm_di_corsa: 6 g\n",
            180 + 6 * 5,
        ),
    ],
)
def test_base_plus_increment_for_the_ordered_stroke(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8  # derived


def test_without_an_ordered_stroke_the_base_is_not_extended() -> None:
    text = "Cilindro CH-63\nPeso base (carrera 0): 1,2 kg\nPor cada 10 mm de carrera: 0,03 kg\n"
    assert find_unit_weight(text).grams != pytest.approx(1200 + 30 * 10)
