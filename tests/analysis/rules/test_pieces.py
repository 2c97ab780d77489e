"""A piece cut from goods weighed by the metre (issue 14), on fresh texts written for this
test: "abgelängt auf", a length in its own table cell, "L = ..." on the order line or on a
sheet about a piece cut to length. The weight is kg/m x length, with lower confidence."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.pieces import piece_metres


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rundstahl Ø 16, blank\nLieferung abgelängt auf 3,5 m\nMetergewicht: 1,58 kg/m\n", 5530),
        ("Merkmal | Wert | Einheit\nSchnittlänge | 1200 | mm\nMetergewicht | 2,0 | kg/m\n", 2400),
        (
            "Tube acier 30 x 2, à la coupe\nCommande : TA-3002 / L = 2400 mm\n"
            "Masse linéique : 1,38 kg/m\n",
            3312,
        ),
        ("Order: 1 piece, L = 900 mm\nProfile 20x20 B-type\nWeight: 0.5 kg/m\n", 450),
        (
            "Profile 40x40, cut to length\nStock length: 6000 mm\nL = 750 mm\nWeight: 1.2 kg/m\n",
            900,
        ),
    ],
)
def test_a_cut_piece_weighs_its_length_times_the_weight_per_metre(
    text: str, expected: float
) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8  # derived, not read


@pytest.mark.parametrize(
    "text",
    [
        # Sold by the metre: "L = 6000 mm" is the stock length, the unit is one metre.
        "Aluminium profile 30x30, sold by the metre\nL = 6000 mm\nWeight: 0.8 kg/m\n",
        # No cut piece and no order line: a length is a dimension of the article.
        "Cable gland CG-20\nL = 35 mm\nWeight: 18 g\n",
        # "cutting" is not a piece cut to length.
        "Cutting disc holder\nLength: 120 mm\nWeight: 0.3 kg/m\n",
    ],
)
def test_lengths_that_are_not_the_piece(text: str) -> None:
    assert piece_metres(text, decimal_comma=False) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chaîne G80 10 mm\nLongueur commandée : 3 m\nPoids linéique : 2,2 kg/m\n", 6600),
        ("Rail de guidage 15 — coupe 980 mm\nMasse linéique : 1,5 kg/m\n", 1470),
        ("Wire rope 10 mm, 40 m (cut piece)\nWeight: 0.39 kg/m\n", 15600),
    ],
)
def test_more_ways_to_state_the_piece(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Rundstahl Ø 20 mm Zuschnitt\nMetergewicht: 2,47 kg/m\n",  # a diameter
        "Scie S-2\nCapacité de coupe 60 mm\nPoids : 0,4 kg/m\n",  # a cutting capacity
    ],
)
def test_dimensions_near_cut_words_are_not_the_piece(text: str) -> None:
    assert piece_metres(text, decimal_comma=True) is None


def test_an_italian_spezzone_is_a_cut_piece() -> None:
    text = 'Tubo zincato 3/4" — spezzone da 1,5 m\nPeso al metro | 1,58 kg/m\n'
    assert find_unit_weight(text).grams == pytest.approx(2370)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pletina 30x5\nCorte a medida: 2.000 mm\nPeso: 1,18 kg/m\n", 2360),
        ("Hex bar 19 mm, cut to size\nOrdered length: 1.5 m\nWeight: 2.46 kg/m\n", 3690),
        ("Vierkantrohr 30x30x2\nBestelllänge: 1,8 m\nMetergewicht: 1,72 kg/m\n", 3096),
        ("Channel C-50\nSupplied in cut lengths of 4 m\nWeight: 3.9 kg/m\n", 15600),
    ],
)
def test_ordered_lengths_and_cut_to_size(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_metre_sold_by_the_metre_is_no_cut_piece() -> None:
    text = "PU hose 6 x 4\nSales unit: 1 m (cut to length from a 50 m reel)\nWeight: 18 g/m\n"
    result = find_unit_weight(text)
    assert piece_metres(text, decimal_comma=False) is None
    assert result.grams == pytest.approx(18) and result.confidence >= 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kette G8 6 mm\nBestellung: 1 Stück à 2,5 m\nMetergewicht: 0,8 kg/m\n", 2000),
        ("Wire rope 5 mm\nOrder: 4 pcs of 3 m\nWeight: 0.1 kg/m\n", 300),
    ],
)
def test_pieces_of_a_length_on_the_order_line(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_pieces_of_a_length_elsewhere_are_no_cut_piece() -> None:
    # A pack of lengths, not the order: the sheet states no piece of its own.
    text = "Wire rope 5 mm\nPack: 10 pcs of 3 m\nWeight: 0.1 kg/m\n"
    assert piece_metres(text, decimal_comma=False) is None
