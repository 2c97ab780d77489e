"""Weights whose unit stands in a field of its own (issue 14, round 2): an export's unit of
measure column or a sibling "unit" key of a JSON object gives the unit of the bare weight
numbers of its record. Fresh texts written for this test, in several languages and layouts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A CSV export: net and gross columns, the unit in a column after them.
        (
            "sku | name | weight_net | weight_gross | uom\nPB-12 | Pillow block bearing | "
            "1.5 | 1.9 | LB\n",
            680.388555,
        ),
        # German ERP export, the unit column before the weights.
        (
            "Artikel | Bezeichnung | Gewichtseinheit | Nettogewicht | Bruttogewicht\n"
            "4711 | Spannrolle SR-40 | kg | 0,82 | 0,95\n",
            820,
        ),
        # Italian table, "unità" column holding grams.
        (
            "| Codice | Descrizione | Peso netto | Peso lordo | Unità |\n|---|---|---|---|---|\n"
            '| VX-3 | Valvola a sfera 1/2" | 310 | 360 | g |\n',
            310,
        ),
        # Flattened JSON: the unit is a sibling key of the weight.
        ("producto: Bomba BX-2\npeso.neto: 12,5\npeso.bruto: 14\npeso.unidad: kg\n", 12500),
        ("article: Poulie P-80\npoids.net: 3.3\npoids.unite: lb\n", 1496.854821),
    ],
)
def test_a_unit_field_gives_the_weights_their_unit(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected, rel=1e-4)


@pytest.mark.parametrize(
    "text",
    [
        # The unit field holds a count unit: the numbers are no masses.
        "item | description | weight | uom\nK-1 | Kit | 4 | PCS\n",
        # The unit field is a length's: no mass unit for the weight column.
        "item | weight | length | length_uom\nR-2 | 3 | 2 | m\n",
    ],
)
def test_no_unit_or_an_ambiguous_one_gives_no_weight(text: str) -> None:
    assert find_unit_weight(text).grams is None
