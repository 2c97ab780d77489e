"""A variant named by an attribute and its value (issue 14): "taglia 10" names the row whose
"Taglia" cell is 10, even when 10 also stands in other rows' cells. Fresh texts written
for this test, in several languages and layouts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Italian, the size also a number in another row's cell.
        (
            "Scarpa antinfortunistica, ordine: taglia 10\nTaglia | Suola mm | Peso\n"
            "9 | 10 | 610 g\n10 | 11 | 640 g\n11 | 11 | 675 g\n",
            640,
        ),
        # German execution named in words, in a markdown table.
        (
            "Schraubstock SV-125\nAusführung: Guss\n\n| Ausführung | Backen | Gewicht |\n"
            "|---|---|---|\n| Stahl | 125 mm | 9,1 kg |\n| Guss | 125 mm | 8,4 kg |\n",
            8400,
        ),
        # English, a letter size in the third column.
        (
            "Disposable gloves, box of 100\nOrdered size M\n"
            "Code | Colour | Size | Box weight\nG-S | blue | S | 480 g\nG-M | blue | M | 520 g\n",
            520,
        ),
    ],
)
def test_an_attribute_and_its_value_name_the_row(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_the_attribute_says_in_which_column_the_value_is_read() -> None:
    # "suola 10" is the sole column's 10, not size 10.
    text = "Scarpa, suola 10 mm\nTaglia | Suola | Peso\n9 | 10 | 610 g\n10 | 11 | 640 g\n"
    assert find_unit_weight(text).grams == pytest.approx(610)
