"""The sales unit decides whether a weight per piece or per N pieces is multiplied or
divided (corpus E, issue 14), on fresh texts written for this test."""

import pytest

from cost_model_service.analysis.documents.html import html_to_text
from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A set of 6 whose per-piece mass is given: the set is the article.
        ("Set of 6 hex keys, chrome vanadium\nSales unit: set\nWeight per key: 15 g\n", 90),
        # The noun the title counts, in German: "je Scheibe" in a "Satz mit 5 Scheiben".
        (
            "Satz mit 5 Scheiben, Filz 100 mm\nVerkaufseinheit: Satz\nGewicht je Scheibe: 22 g\n",
            110,
        ),
        # A box of 500 sold as the box, weighed per 100 pieces.
        ("Rivets 4 x 8, aluminium\nSales unit: box of 500 rivets\nWeight per 100 pcs: 60 g\n", 300),
    ],
)
def test_a_set_or_box_sold_as_the_article_multiplies_the_stated_weight(
    text: str, expected: float
) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8  # derived, not read


def test_one_piece_sold_keeps_dividing_a_weight_per_n_pieces() -> None:
    text = (
        "Hex nut M8, zinc plated\nSales unit .......... piece (packed in boxes of 500)\n"
        "Weight per 1000 pcs: 5.1 kg\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(5.1)


def test_a_roll_sold_per_roll_is_not_divided_by_its_labels() -> None:
    text = (
        "Price tags 30 x 20 mm, 1000 tags / roll\nItem TG-3020, sold per roll\n"
        "Tags per roll | 1000\nWeight per roll | 0.21 kg\nRolls per carton | 40\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(210)


def test_a_definition_list_keeps_each_term_with_its_value() -> None:
    html = "<dl><dt>Pack</dt><dd>5.000 pcs</dd><dt>Colour</dt><dd>red</dd><dd>blue</dd></dl>"
    assert html_to_text(html).splitlines() == ["Pack | 5.000 pcs", "Colour | red | blue"]


def test_italian_per_does_not_make_a_sheet_english() -> None:
    # "per" in Italian prose must not turn "10.000 pz" into ten pieces.
    text = (
        "Chiodi per pallet 2,5 x 50\nConfezione | 5.000 pz\nUnità di vendita | confezione\n"
        "Peso per 1000 pz | 1,9 kg\nDiametro 2,5 mm per legno\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(9500)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pack of 10 utility blades\nSales unit: pack\nWeight: 12 g each\n", 120),
        ("Bag of 50 cable ties 200 mm\nSales unit: bag\nWeight: 0.9 g/pc\n", 45),
    ],
)
def test_a_weight_per_piece_after_the_number_is_multiplied_too(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_the_sets_own_weight_is_not_multiplied() -> None:
    assert find_unit_weight("Set of 4 castors 75 mm\nWeight per set: 1.2 kg\n").grams == 1200
