"""A mass whose unit wrapped onto the next line (issue 14, round X/W): the number closes
one line and its unit opens the next ("Nettogewicht ...... 2,40" over "kg", PDF text
"masse 1,05" over "kg/m, ..."); read as one quantity in every language. A lone "g" or
"t" opening a line, and table rows, are not joined. Fresh texts written for this test."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Klemmhebel KH-8, verzinkt\nNettogewicht ........ 2,40\n                     kg\n", 2400),
        ("Bride de serrage BS-4\nPoids net . . . . . 1,85\n  kg\nUnité : 1 pièce\n", 1850),
        ("Abrazadera AB-7 de acero\nPeso neto: 0,62\nkg por unidad.\n", 620),
        ("Staffa ST-12 zincata\nPeso netto: 740\ngrammi. Confezione singola.\n", 740),
        ("Hinge HN-30, stainless\nThe hinge has a net weight of 0.31\nkg and a 90° stop.\n", 310),
        # Wrapped per-metre unit, times the piece the quotation cuts.
        (
            "Offerte 77 - Rohr S235 60,3 x 3,2\nZuschnitt: 1 Stück auf 1 500 mm.\n"
            "Technische Daten: Metergewicht 4,51\nkg/m, Werkstoff S235JR.\n",
            6765,
        ),
    ],
)
def test_a_unit_wrapped_onto_the_next_line(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected, rel=1e-3)


@pytest.mark.parametrize(
    "text",
    [
        # A list letter "g)" after a numbered line is no gram.
        "Montagehinweise MH-2\nf) Gewicht: siehe Tabelle, Position 3\ng) Deckel aufsetzen\n",
        # Two table rows: the number ends one row's cell, "kg" opens the next row.
        "Teil | Wert\nGewicht | 4,2\nkg | Einheit der Zeile darüber\n",
    ],
)
def test_no_wrapped_unit(text: str) -> None:
    assert find_unit_weight(text).grams is None
