"""The sales, price or order unit says what one article is: one piece (a title's "pack of
10" is then how it is delivered), a container of N, a set or a pair (issue 14, corpora
F-H), on fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.unit_of_sale import Sold, sold_as


@pytest.mark.parametrize(
    ("text", "sold"),
    [
        ("Prix par pièce, livré par boîtes de 20", Sold(single=True)),
        ("unidad_venta: pieza", Sold(single=True)),
        ("Unità di vendita: pannello singolo", Sold(single=True)),
        ("Abrechnung je Stück (Platte)", Sold(single=True)),
        ("Sales unit ....... box (100 pcs)", Sold(single=False, kind="box", count=100)),
        ("Unité de vente : 1 lot (4 brosses)", Sold(single=False, kind="pack", count=4)),
        ("Verkaufseinheit | 1 Paar", Sold(single=False, count=2)),
        ("Preis gilt je Satz.", Sold(single=False)),
    ],
)
def test_the_unit_of_sale_is_read(text: str, sold: Sold) -> None:
    assert sold_as(text) == sold


@pytest.mark.parametrize(
    "text",
    ["Sales unit: per metre", "Accessories sold separately", "Price: 12.50 EUR", "No unit"],
)
def test_no_unit_of_sale_is_read_from_a_length_a_bare_verb_or_a_price(text: str) -> None:
    assert sold_as(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The title packs 20, the price is per piece: the pack weight is divided.
        ("Cable gland M20, bag of 20\nPrice per piece.\nBag weight (20 pcs) | 0.3 kg\n", 15),
        # Italian prose sales unit, the pack named only as a delivery form.
        (
            "Lastra in cartongesso 12,5 mm\nUnità di vendita: lastra singola (in pacchi da 4)\n"
            "Peso pacco | 36 kg\n",
            9000,
        ),
        # A JSON key path with the count under the pallet, the weight in tonnes (fr).
        (
            "reference: PX-19\nunite_vente: plaque\npalette.nombre_plaques: 40\n"
            "palette.poids_palette: 1,2 t\n",
            30000,
        ),
    ],
)
def test_a_piece_sold_singly_divides_its_pack_weight(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A pair sold, one boot weighed (de, key/value).
        (
            "Gummistiefel S5, Gr. 43\nVerkaufseinheit: 1 Paar\nGewicht (Einzelstiefel): 1,1 kg\n",
            2200,
        ),
        # A lot whose count the sales unit states (fr table).
        (
            "Champ | Valeur\nDésignation | Lot de brosses\nUnité de vente | 1 lot (4 brosses)\n"
            "Poids d'une brosse | 120 g\n",
            480,
        ),
        # A set counted "N-piece" in its title, weighed per spanner (en prose line).
        ("Combination spanner set, 8-piece\nPrice per set.\nEach spanner weighs 95 g.\n", 760),
    ],
)
def test_a_pair_lot_or_set_sold_multiplies_one_piece(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


@pytest.mark.parametrize(
    "text",
    ["Prices in EUR, excl. VAT", "Supplied in cartons of 50", "Preise in CHF", "Precio en euros"],
)
def test_a_currency_or_a_delivery_form_is_no_unit_of_sale(text: str) -> None:
    assert sold_as(text) is None


def test_a_piece_weight_stays_when_the_pieces_are_only_delivered_in_cartons() -> None:
    text = "Hex bolt M12 x 60\nSupplied in cartons of 50\nWeight per piece: 45 g\n"
    assert find_unit_weight(text).grams == pytest.approx(45)


@pytest.mark.parametrize(
    ("text", "sold"),
    [
        ("Prix à partir de 12 € HT", None),
        ("Precio a consultar", None),
        ("Sales unit: set of 4", Sold(single=False, count=4)),
        ("Unidad de venta: caja de 50 uds.", Sold(single=False, kind="box", count=50)),
    ],
)
def test_a_price_on_request_names_no_unit_and_a_count_follows_its_unit(
    text: str, sold: Sold | None
) -> None:
    assert sold_as(text) == sold
