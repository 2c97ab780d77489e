"""A weight per metre whose 'per metre' stands in the label, not after the number
("Gewicht je m | 1,57 kg"), times the piece's length (issue 14, round Z), on fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # de, txt key/value
        ("Vierkantrohr 30 x 30 x 2 mm, Zuschnitt\nZuschnittlänge: 1.200 mm\n"
         "Gewicht je Meter: 1,70 kg\n", 2040),
        # fr, table row
        ("Cornière 40 x 40 x 4 - coupe à 900 mm\n| Poids au mètre | 2,42 kg |\n", 2178),
        # it, markdown bold
        ("# Piatto ferro 30x5 — taglio a misura 2000 mm\n**Peso al metro:** 1,18 kg\n", 2360),
        # es, JSON key path
        ("tubo: Tubo acero 25x1,5 cortado a 3000 mm\npeso.por metro: 0,87 kg\n", 2610),
        # en, prose-like line
        ("Aluminium angle 20x20x2, cut to 2500 mm\nWeight per metre 0.21 kg.\n", 525),
    ],
)  # fmt: skip
def test_a_per_metre_label_multiplies_by_the_piece(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8  # derived


def test_a_per_metre_label_on_goods_sold_by_the_metre_stays_per_metre() -> None:
    text = "Kette 6 mm verzinkt\nVerkauf: per Meter\nGewicht je m: 0,8 kg\n"
    assert find_unit_weight(text).grams == pytest.approx(800)
