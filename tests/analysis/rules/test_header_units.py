"""A weight column whose header ends in its unit, as exports name columns (issue 14):
"peso_neto_kg", "Gewicht Box g", "weight lb". Not a header of another quantity ending
in a unit ("Type g"); an area mass ("kg/m2") reads per m² (round T/S). Fresh texts
written for this test."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.label_units import column_unit_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Spanish CSV export, underscores for spaces.
        ("referencia | descripción | peso_neto_kg\nTR-7 | Tornillo de banco | 3,15\n", 3150),
        # German table, the unit last after the weight word.
        ("Artikel | Gewicht netto g | Material\nKL-2 | 85 | PA6\n", 85),
        # English markdown table with pounds.
        ("| Item | Net weight lb |\n|---|---|\n| Pail 5 gal | 2.5 |\n", 1133.98),
        # French, the net column beside a gross one.
        ("réf | poids net kg | poids brut kg\nPX-1 | 1,4 | 1,7\n", 1400),
    ],
)
def test_a_header_ending_in_a_mass_unit_labels_its_column(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected, rel=1e-3)


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("peso por lamina kg", True),
        # An area mass: read per m², a weight only times a stated sheet area (round T/S).
        ("Massa superficiale kg/m2", True),
        ("Type g", False),  # no weight word before the unit
        ("Gewicht kg/m", True),  # per metre, kept with it (round X/W: "kg/km")
        ("Weight (kg)", True),
    ],
)
def test_which_headers_carry_a_mass_unit(header: str, unit: bool) -> None:
    assert bool(column_unit_of(header)) is unit
