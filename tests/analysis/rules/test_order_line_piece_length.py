"""A piece cut to length whose length stands only in the title block or the order line,
with no cut word beside it ("Order item: ... (rail only, 860 mm)"): the longest length
there, not a side of the cross-section (issue 14, round Z), on fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # en markdown, the order line in bold
        ("# Ball screw shaft SFU1605 — cut to length\n**Order line:** SFU1605-0750 (shaft, "
         "**750 mm**)\n\n| Shaft mass | 1.28 kg/m |\n", 960),
        # de txt, the length after the cross-section
        ("Zuschnitt Rechteckrohr\nBestellung: 60 x 40 x 3 mm, 1.250 mm\n"
         "Metergewicht: 4,35 kg/m\n", 5437.5),
        # fr, table row
        ("Rail DIN coupé sur mesure\nCommande : rail 35 x 7,5 - 480 mm\n"
         "| Masse linéique | 0,38 kg/m |\n", 182.4),
        # it, JSON key path
        ("articolo: Barra filettata M16 tagliata a misura\nordine: M16 zincata 1,5 m\n"
         "peso: 1,6 kg/m\n", 2400),
    ],
)  # fmt: skip
def test_the_order_line_states_the_piece_length(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


def test_only_cross_section_sides_in_the_order_line_give_no_length() -> None:
    text = "Flat bar cut to length\nOrder: 40 x 5 mm\nWeight: 1.57 kg/m\n"
    assert find_unit_weight(text).grams is None
