"""A cut piece's length stated without a colon, in markdown emphasis or with a thousands
separator (corpus E, issue 14), on fresh texts written for this test; and a sheet about a
cut piece whose length is not found never gives the weight per metre as the piece's."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Label then length, no colon, markdown bold, thousands comma.
        (
            "# Brass hex bar 12 mm, cut\n\nOrder: 1 bar, cut length **1,200 mm**\n\n"
            "| Mass per metre | 0.98 kg/m |\n| Stock length | 3 m |\n",
            1176,
        ),
        # German thousands dot, no colon.
        (
            "Flachstahl 30 x 8 - Zuschnitt\nPosition 1: 1 Stück, Schnittlänge 2.400 mm\n"
            "Metergewicht ...... 1,88 kg/m\nLagerlänge ...... 6.000 mm\n",
            4512,
        ),
        # Italian label without a colon.
        (
            "Tubo quadro 30x30x2 - taglio a misura\nOrdine: 1 pz, lunghezza del pezzo 400 mm\n"
            "Peso teorico ..... 1,70 kg/m\n",
            680,
        ),
        # A plain "longueur" mid-line on the order line, in bold.
        (
            "# Cornière alu 30 x 30 x 3 — coupée\n\n**Commande :** 2 pièces, longueur **1,5 m**\n\n"
            "| Masse linéique | 0,47 kg/m |\n| Longueur de stock | 6 m |\n",
            705,
        ),
    ],
)
def test_a_cut_length_is_read_without_a_colon_or_through_emphasis(
    text: str, expected: float
) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


def test_a_cut_piece_without_a_found_length_is_not_weighed_by_the_metre() -> None:
    text = (
        "Round bar 25 mm, cut to length\nLength to suit your drawing\n"
        "Weight: 3.85 kg/m\nStock length: 6 m\n"
    )
    assert find_unit_weight(text).grams is None


def test_goods_sold_by_the_metre_keep_the_weight_per_metre() -> None:
    text = 'Garden hose 1/2", sold by the metre, cut to length\nWeight: 180 g/m\n'
    assert find_unit_weight(text).grams == pytest.approx(180)
