"""A cut length given as a table column whose header names it with its unit (PIM exports,
order tables), and a weight column whose header ends in its unit ("weight_per_m_kg"), on
fresh texts written for this test (issue 14, round F/G/H)."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # en CSV export, units at the end of the keys.
        ("sku | name | mass_per_m_kg | stock_length_m | cut_length_mm\n"
         "FB-30 | Flat bar 30x5 | 1.18 | 6 | 800\n", 944),
        # de, units in brackets.
        ("Art.-Nr. | Bezeichnung | Metergewicht (kg/m) | Zuschnittlänge (mm) | Menge\n"
         "WS-40 | Winkel 40x4 | 2,42 | 1500 | 3\n", 3630),
        # it markdown table.
        ("| Codice | Peso al metro (kg/m) | Lunghezza di taglio (mm) |\n|---|---|---|\n"
         "| TQ-20 | 0,91 | 2000 |\n", 1820),
    ],
)  # fmt: skip
def test_the_cut_length_column_times_the_weight_per_metre(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sku | description | net_weight_kg\nVB-12 | Valve block | 2.4\n", 2400),
        ("Referencia | Descripción | Peso neto g\nTR-8 | Tuerca M8 | 5,1\n", 5.1),
        ("code | article | poids net kg | volume l\nPX-1 | Pompe | 7,9 | 1,2\n", 7900),
    ],
)
def test_a_weight_column_whose_header_ends_in_its_unit(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_plain_length_column_in_a_row_cut_to_it() -> None:
    text = (
        "| Article | Longueur | Masse linéique |\n|---|---|---|\n"
        "| Tube 20x2 coupé | 1500 mm | 0,89 kg/m |\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(1335)
