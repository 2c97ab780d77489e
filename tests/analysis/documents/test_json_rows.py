"""JSON flattened for the rules (issue 14), on fresh documents written for this test:
camelCase keys read as words, and property rows ({"name": ..., "value": ..., "unit": ...})
read as "name: value unit", as a table row would."""

import json

import pytest

from cost_model_service.analysis.documents.text import json_to_text
from cost_model_service.analysis.rules import find_unit_weight


def test_camel_case_keys_are_split_into_words() -> None:
    text = json_to_text(json.dumps({"netWeightKg": 1.2, "maxLoad": {"value": 80, "unit": "kg"}}))
    assert text == "net Weight Kg: 1.2\nmax Load: 80 kg"


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"Bezeichnung": "Kabeltrommel", "maxZugkraft": "200 kg", "Eigengewicht": "4,2 kg"}, 4200),
        ({"model": "Step S-3", "maxUserWeight": "150 kg", "weight": "3.4 kg"}, 3400),
        ({"modello": "Scala S-5", "portataMassima": "150 kg", "pesoNetto": "6,8 kg"}, 6800),
    ],
)
def test_a_camel_case_limit_is_not_the_weight(document: dict[str, str], expected: float) -> None:
    text = json_to_text(json.dumps(document))
    assert text is not None
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    ("rows", "line", "expected"),
    [
        ([{"name": "weight", "value": 0.35, "unit": "kg"}], "specs[0].weight: 0.35 kg", 350),
        (
            [{"merkmal": "Gewicht", "wert": "1,8", "einheit": "kg"}],
            "specs[0].Gewicht: 1,8 kg",
            1800,
        ),
        ([{"nombre": "peso", "valor": "250 g"}], "specs[0].peso: 250 g", 250),
        ([{"nom": "poids", "valeur": 4200, "unité": "g"}], "specs[0].poids: 4200 g", 4200),
    ],
)
def test_a_property_row_reads_as_its_name(
    rows: list[dict[str, object]], line: str, expected: float
) -> None:
    text = json_to_text(json.dumps({"title": "Valve V-2", "specs": rows}))
    assert text is not None and line in text.splitlines()
    assert find_unit_weight(text).grams == pytest.approx(expected)
