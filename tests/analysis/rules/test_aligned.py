"""Tables aligned with spaces whose column header carries the unit, and JSON quantities
split into value and unit keys in other languages (issue 14); fresh texts."""

import json

import pytest

from cost_model_service.analysis.documents.text import json_to_text
from cost_model_service.analysis.rules import find_unit_weight


def test_an_aligned_column_with_its_unit_in_the_header() -> None:
    text = (
        "PNEUMATIK SÜD\nZylinder PZ-32, Hub 160 mm\nBestell-Nr. PZ-32-160\n\n"
        "Hub (mm)    Gewicht (kg)\n80          0,9\n160         1,2\n250         1,6\n"
    )
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(1200) and result.confidence <= 0.75


def test_a_heading_over_a_key_value_list_is_no_column_header() -> None:
    text = "Clamp C-3\n\nPackaging\nWeight      120 g\nColour      red\n"
    assert find_unit_weight(text).grams == pytest.approx(120)


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"nome": "Pinza P-2", "peso": {"valore": 210, "unita": "g"}}, 210),
        ({"Name": "Zange Z-1", "Gewicht": {"Wert": 0.35, "Einheit": "kg"}}, 350),
        ({"nom": "Pince", "poids": {"valeur": "0,4", "unité": "kg"}}, 400),
    ],
)
def test_json_value_and_unit_keys_in_other_languages(document: object, expected: float) -> None:
    text = json_to_text(json.dumps(document))
    assert text is not None
    assert find_unit_weight(text).grams == pytest.approx(expected)
