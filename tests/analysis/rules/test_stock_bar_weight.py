"""On a sheet about a piece cut to length, a weight whose line states another length
("Stock length 6000 mm (bar weight 11.9 kg)") weighs that length: divided by it, not
read as the piece's (issue 14, round Z), on fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # en txt, dot leaders and a parenthesis
        ("Square tube 40x40x3 - cut to 1000 mm\nStock length ..... 6000 mm (bar weight 20.4 kg)\n",
         3400),
        # de, the bar weight alone, per-metre weight not stated
        ("Rundstahl Ø 30, Zuschnitt 500 mm\nStangenlänge 6 m, Stangengewicht: 33,3 kg\n", 2775),
        # it, table row
        ("Tubo inox 20x1,5 - taglio a misura 1500 mm\n| Barra da 6 m | peso 4,2 kg |\n", 1050),
        # fr, beside a weight per metre: both agree
        ("Tube acier 33,7x2 coupé à 2000 mm\nPoids : 1,56 kg/m\n"
         "Longueur de stock 6 m (barre 9,36 kg)\n", 3120),
        # es, prose
        ("Pletina 30x3 cortada a 1200 mm.\nEl peso de la barra entera de 6 m es 4,26 kg.\n", 852),
    ],
)  # fmt: skip
def test_a_stock_bar_weight_is_divided_by_its_length(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected, rel=0.005)
    assert result.confidence < 0.8
