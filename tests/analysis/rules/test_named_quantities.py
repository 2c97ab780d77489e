"""Ratings and sizes that name a variant (issue 14): a number is matched with its unit, in
the title or an order line against a row's cell, a header's unit or a JSON key's unit.
Fresh texts written for this test."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.named_quantities import quantity_tokens


def test_numbers_are_read_with_their_units_in_any_spelling() -> None:
    tokens = quantity_tokens("Variador 0,75 kW, 3,70 kW\npotencia kw: 1.5\nlargo 1000mm")
    assert tokens == {"=0.75kw", "=3.7kw", "=1.5kw", "=1000mm"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The rating under a header that gives the unit; 3.7 is also another row's current.
        (
            "Convertisseur de fréquence 3,7 kW\nModèle | Moteur kW | Courant A | Poids\n"
            "FC-A | 2,2 | 3,7 | 1,9 kg\nFC-B | 3,7 | 8,8 | 2,6 kg\n",
            2600,
        ),
        # The length in an order line of a plain-text sheet, the unit in the cells (de).
        (
            "Zahnstange Modul 3\nBestellt: 2 Stück, Länge 1500 mm\n"
            "Länge | Zähne | Gewicht\n1000 mm | 106 | 5,9 kg\n1500 mm | 159 | 8,8 kg\n",
            8800,
        ),
        # JSON key paths: the unit is in the key ("potenza_kw").
        (
            "titolo: Motore trifase 1,1 kW\nvarianti[0].potenza_kw: 0,75\n"
            "varianti[0].corrente_a: 1,1\nvarianti[0].peso_kg: 8,2\n"
            "varianti[1].potenza_kw: 1,1\nvarianti[1].corrente_a: 2,6\n"
            "varianti[1].peso_kg: 10,4\n",
            10400,
        ),
    ],
)
def test_a_rating_or_size_names_its_row(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Italian plain text aligned with spaces, right under its title line.
        (
            "Motore 1,1 kW\nPotenza kW   Corrente A   Peso kg\n0,75         1,1          8,2\n"
            "1,1          2,6          10,4\n",
            10400,
        ),
        # Spanish, the pressure in a comment line; 16 is also the other row's diameter.
        (
            "# pedido 7: válvula 16 bar\nDN mm   presión bar   peso neto kg\n"
            "16      40            4,1\n25      16            8,2\n",
            8200,
        ),
    ],
)
def test_an_aligned_table_gives_its_units_in_the_header(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)
