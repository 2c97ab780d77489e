"""One vocabulary of the sales unit (issue 14): every noun that names it is read by all
three readers, sold by the metre (lengths), the article's length (article_size) and what
one article is (unit_of_sale); fresh texts written for this test."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight

NOUNS = [
    "Sales unit",
    "Price unit",
    "Preiseinheit",
    "Mengeneinheit",
    "Unidad de pedido",
    "Unité de commande",
    "Unità di ordine",
    "sales.unit",
    "venta.unidad",
    "Verkoopeenheid",
]


@pytest.mark.parametrize("noun", NOUNS)
def test_the_metre_as_the_unit(noun: str) -> None:
    text = f"Schlauch PVC 19 mm\n{noun}: Meter\nGewicht: 0,24 kg/m\nRolle: 50 m\n"
    assert find_unit_weight(text).grams == pytest.approx(240)


@pytest.mark.parametrize("noun", NOUNS)
def test_a_length_in_the_unit_is_the_articles(noun: str) -> None:
    text = f"Aluprofil 30x30 B-Nut 8\n{noun}: Stange 6 m\nGewicht: 0,82 kg/m\n"
    assert find_unit_weight(text).grams == pytest.approx(4920)


# A price unit naming a box is a price basis ("Preiseinheit: Karton (500 Stück)" prices
# the pieces by the 500), not the article: price_basis tests hold that.
@pytest.mark.parametrize("noun", [n for n in NOUNS if not n.startswith(("Pr", "pr"))])
def test_a_box_as_the_unit(noun: str) -> None:
    text = f"Blindniete 4x10 Alu\n{noun}: Karton (500 Stück)\nGewicht je Stück: 0,6 g\n"
    assert find_unit_weight(text).grams == pytest.approx(300)
