"""A roll, reel or coil whose contents no statement gives, packed in a carton of N on a
sheet not sold by the metre, is one article: the carton's weight divides by N (issue 14,
corpus Z). Fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.unit_of_sale import sold_as


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        (
            "Nastro telato 50 mm x 25 m\nVenduto al pezzo, cartone da 24 rotoli\n"
            "Peso lordo cartone: 9,6 kg\n",
            400,
        ),
        (
            "Masking tape 25 mm x 50 m\nShipping carton: 48 rolls\n"
            "Gross weight per carton: 7.2 kg\n",
            150,
        ),
        ("Cinta de embalar 48 mm\n| Caja | 36 rollos |\n| Peso bruto caja | 10,8 kg |\n", 300),
    ],
)
def test_the_carton_divides_by_its_rolls(text: str, grams: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(grams)
    assert result.confidence < 0.8


def test_rolls_of_stated_contents_still_resolve() -> None:
    text = "Labels 50 x 25\nRoll: 1000 labels\nCarton: 10 rolls\nGross weight carton: 5 kg"
    assert find_unit_weight(text).grams == pytest.approx(0.5)


@pytest.mark.parametrize(
    "text",
    [
        "Venduto al pezzo, cartone da 24 rotoli",
        "Sold by the piece, shipped in cartons of 48",
        "Vendido por unidad, caja de 36 rollos",
    ],
)
def test_a_sales_unit_ends_at_its_comma(text: str) -> None:
    sold = sold_as(text)
    assert sold is not None and sold.single
