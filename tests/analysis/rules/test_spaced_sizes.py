"""A profile or size the order names with spaces ("L 50 x 50 x 5") picks the row a
variants table writes compactly ("L50x50x5"), and the other way round (issue 14, round
V/U). Fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # fr, kg/m table, the ordered profile spaced in the heading.
        ("Cornières inégales - commande : L 60 x 40 x 6\nVente au mètre.\n"
         "Profil | Poids (kg/m) | Section (cm2)\nL50x30x5 | 2,96 | 3,78\n"
         "L60x40x6 | 4,46 | 5,68\nL 80 x 40 x 6 | 5,41 | 6,89\n", 4460),
        # en, compact in the order line, spaced in the table.
        ("Flat bar S235, sold per metre\nOrdered: FL40x5\n| Size | Weight kg/m |\n"
         "| FL 30 x 5 | 1.18 |\n| FL 40 x 5 | 1.57 |\n| FL 50 x 5 | 1.96 |\n", 1570),
        # de, with the multiplication sign.
        ("Winkelstahl gleichschenklig - Bestellung: L 60 \u00d7 60 \u00d7 6\nVerkauf je Meter\n"
         "Profil | Gewicht (kg/m) | Querschnitt (cm2)\nL50\u00d750\u00d75 | 3,77 | 4,80\n"
         "L60\u00d760\u00d76 | 5,42 | 6,91\nL70\u00d770\u00d77 | 7,38 | 9,40\n", 5420),
        # es.
        ("Angular - pedido: L 40 x 40 x 4\nVenta por metro\nPerfil | Peso kg/m\n"
         "L30x30x3 | 1,36\nL40x40x4 | 2,42\nL50x50x5 | 3,77\n", 2420),
        # it.
        ("Angolari - ordine: L 50 x 50 x 6\nVendita al metro\nProfilo | Peso kg/m\n"
         "L50x50x5 | 3,77\nL50x50x6 | 4,47\nL60x60x6 | 5,42\n", 4470),
    ],
)  # fmt: skip
def test_a_spaced_size_names_its_compact_row(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_size_not_in_the_table_picks_no_row() -> None:
    # The ordered L 70 x 70 x 7 is no row: no row is picked by the title.
    text = (
        "Cornières - commande : L 70 x 70 x 7\nVente au mètre.\nProfil | Poids (kg/m)\n"
        "L40x40x4 | 2,42\nL50x50x5 | 3,77\n"
    )
    assert find_unit_weight(text).confidence < 0.6
