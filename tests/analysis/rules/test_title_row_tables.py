"""A table under a narrower title or document line (issue 14, round X/W), on fresh texts
written for this test: a CSV export opening with "Confirmación de pedido | PV-1 | Fecha |
..." has its header on the second row; the weight column's unit is read from there."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Datenblatt | Rev. 2\nTyp | Werkstoff | Länge mm | Gewicht kg\n"
            "WL-3 | Stahl | 200 | 1,4\n",
            1400,
        ),
        (
            "Export | 2026-02-01\nCode | Description | Material | Net weight kg\nBR-7 | Bracket | "
            "steel | 0.35\n",
            350,
        ),
        (
            "Listino | 2026\nCodice | Descrizione | Materiale | Peso netto kg\nST-1 | Staffa | "
            "acciaio | 2,2\n",
            2200,
        ),
    ],
)
def test_the_header_row_under_a_title_line(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_narrower_data_row_does_not_replace_the_header() -> None:
    # The second row is narrower than the first: the first stays the header.
    text = "Code | Description | Material | Weight kg\nnote | draft\nBR-8 | Bracket | steel | 0.5\n"
    assert find_unit_weight(text).grams == pytest.approx(500)
