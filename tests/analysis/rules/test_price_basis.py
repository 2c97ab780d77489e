"""A price stated per container ("Price per box", "Prezzo per scatola", "prix par carton")
is a price basis: the articles are the pieces the box holds, not the box (issue 14, corpus
Z); a sales unit naming the container still makes it the article. Fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.unit_of_sale import sold_as


@pytest.mark.parametrize(
    "text",
    [
        "Price per box. Box of 250 pcs.",
        "Il prezzo è per cartone da 12 pezzi.",
        "Prix par carton, livraison sous 48 h.",
        "Preis je Karton zzgl. MwSt.",
        "| Precio por caja | 18,50 EUR |",
    ],
)
def test_a_price_per_container_names_no_article(text: str) -> None:
    assert sold_as(text) is None


def test_a_sales_unit_still_names_the_container() -> None:
    sold = sold_as("Prezzo per scatola.\nUnità di vendita: scatola da 100 pz")
    assert sold is not None and sold.kind == "box" and sold.count == 100


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        (
            "# Blindnieten 3,2 x 8\n| Gewicht je 1000 Stk | 0,5 kg |\n"
            "*Preis je Schachtel (500 Stk).*",
            0.5,
        ),
        ("Wood screws 4 x 30\nWeight per 1000 pcs: 2.6 kg\nPriced per box of 200.", 2.6),
        ("Vis 3,5 x 25\nPoids pour 1000 pièces : 1,4 kg\nPrix par boîte de 500.", 1.4),
    ],
)
def test_a_weight_per_n_pieces_is_one_pieces_under_a_price_per_box(text: str, grams: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(grams)


def test_a_box_weight_is_divided_under_a_price_per_box() -> None:
    text = "Hex bolt M10 x 40\nBox of 100 pcs\nNet weight per box: 3.4 kg\nPrice per box"
    assert find_unit_weight(text).grams == pytest.approx(34)
