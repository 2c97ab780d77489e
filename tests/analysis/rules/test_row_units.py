"""Variant tables (corpus E, issue 14), fresh texts: a row label's unit applies to every
cell of the row, a later cell keeps the row's label ("with brake"), and a unit in the cell
before is not the label of the next number ("1.1 kg | 1.4 kg" is no "kg | 1")."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.mentions import find_mentions


def test_a_row_labels_unit_applies_to_every_cell() -> None:
    text = (
        "Ordered type | GB-25\nType | GB-15 | GB-25 | GB-35\n"
        "Weight (kg/pc) | 0.120 | 0.205 | 0.330\nMax. load (kg) | 40 | 60 | 90\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(205)


def test_a_later_cell_keeps_its_rows_label() -> None:
    text = (
        "Gear motor series GM, order code GM-20\nModel | GM-10 | GM-20 | GM-30\n"
        "Weight | 2.3 kg | 3.1 kg | 4.0 kg\nWeight with brake | 2.9 kg | 3.8 kg | 4.7 kg\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(3100)


def test_the_unit_of_the_cell_before_is_not_a_label() -> None:
    grams = [m.grams for m in find_mentions("Weight | 1.1 kg | 1.4 kg | 1.9 kg\n", False)]
    assert grams == pytest.approx([1100, 1400, 1900])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TRAPANO A COLONNA TC-13\nMandrino | B16\nPesototale | 24 kg\n", 24000),
        (
            "WORKBENCH VICE WV-4\nJaw width | 100 mm\nNetweight | 5.6 kg\nGrossweight | 6.3 kg\n",
            5600,
        ),
    ],
)
def test_an_ocr_glued_weight_label_is_still_a_weight_label(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)
