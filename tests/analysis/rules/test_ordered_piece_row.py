"""The order line names a component by its code and gives its length: the weight per
metre of that row times the length is the article's, not the plain weight of another
component in the same table (issue 14, round F/G/H); fresh texts written for this test."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # en, PDF-like table.
        ("Linear axis LA-20 datasheet\nOrder line: 1 x rail LA-20-R, L = 800 mm\n"
         "Part | Code | Weight\nRail | LA-20-R | 2.5 kg/m\nSlide | LA-20-S | 0.35 kg\n", 2000),
        # de, key/value order line.
        ("Zahnriemen-Set ZR-30\nBestellung: Riemen ZR-30-B, L = 2500 mm\n"
         "Teil | Nr. | Gewicht\nRiemen | ZR-30-B | 0,12 kg/m\nSpannrolle | ZR-30-T | 0,4 kg\n",
         300),
        # fr markdown.
        ("# Système de rail RS-15\n**Commande :** rail RS-15-R, L = 1500 mm\n\n"
         "| Pièce | Code | Masse |\n|---|---|---|\n| Rail | RS-15-R | 1,4 kg/m |\n"
         "| Patin | RS-15-P | 0,2 kg |\n", 2100),
    ],
)  # fmt: skip
def test_the_ordered_rows_piece_beats_another_components_weight(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


def test_a_stated_total_still_wins() -> None:
    text = (
        "Linear axis LA-20\nOrder line: 1 x rail LA-20-R, L = 800 mm\n"
        "Part | Code | Weight\nRail | LA-20-R | 2.5 kg/m\nTotal weight | | 2.1 kg\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(2100)
