"""The container a sales unit names, weighed as such ("Net weight per box") with its piece
count stated, while the title names the piece: a pack weight, divided by its pieces (README
pack rule; issue 14, corpus Z). A dot-leader sales unit is read. Fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.unit_of_sale import sold_as


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        (
            "WASHER DIN 125 M10\nSales unit ............... box of 500 pcs\n"
            "Net weight per box ....... 2.2 kg\n",
            4.4,
        ),
        (
            "Tornillo DIN 933 M8 x 20\nUnidad de venta: caja de 100 uds\nPeso neto caja: 1,1 kg\n",
            11,
        ),
        (
            "| Dado esagonale M10 | |\n|---|---|\n| Unità di vendita | sacchetto da 50 pz |\n"
            "| Peso sacchetto | 0,55 kg |\n",
            11,
        ),
        (
            "Rondelles plates M6\nUnité de vente : boîte de 1000 pièces\n"
            "Poids de la boîte : 1,1 kg\n",
            1.1,
        ),
    ],
)
def test_the_sold_box_weight_is_divided(text: str, grams: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(grams)
    assert result.confidence < 0.8


def test_a_title_naming_the_container_keeps_its_weight() -> None:
    text = (
        "Spenderbox Einweghandschuhe, 100 Stück\nVerkaufseinheit: Box mit 100 Stück\n"
        "Gewicht je Box: 520 g\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(520)


@pytest.mark.parametrize(
    "text",
    [
        "Sales unit ..................... box of 200 pcs",
        "Verkaufseinheit .......... Karton mit 24 Stück",
        "Unidad de venta ......:  caja de 200",
    ],
)
def test_a_dot_leader_sales_unit_is_read(text: str) -> None:
    sold = sold_as(text)
    assert sold is not None and sold.kind is not None and sold.count is not None
