"""A correction or change note replaces an earlier weight (issue 14, round X/W), on fresh
texts written for this test: "korrigiert von 18,2 kg auf 16,9 kg" makes 16,9 kg the weight
even where the table still prints 18,2 kg; the value is less sure than a stated one."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kompressor K-12\nMerkmal | Wert\nGewicht | 42,0 kg\nLeistung | 2,2 kW\n"
            "Hinweis Rev. D: Gewicht korrigiert von 42,0 kg auf 39,5 kg.\n",
            39500,
        ),
        (
            "Gear motor GM-7\nWeight: 8.4 kg*\n* Revision B: weight corrected from 8.4 kg "
            "to 7.9 kg (typo in revision A).\n",
            7900,
        ),
        (
            "Pompa P-30\n| Dato | Valore |\n|---|---|\n| Peso | 12 kg |\n\n"
            "Nota: peso rettificato da 12 kg a 11,2 kg nella revisione C.\n",
            11200,
        ),
        (
            "Válvula VM-4\nPeso: 3,6 kg\nFe de erratas: el peso fue corregido de 3,6 kg a "
            "3,25 kg.\n",
            3250,
        ),
        (
            "Moteur M-90\nPoids : 15 kg\nErratum : poids corrigé de 15 kg à 14,2 kg.\n",
            14200,
        ),
        ("Lüfter L-4\nGewicht: 2,4 kg\nIndex B: Gewicht geändert 2,4 kg → 2,1 kg\n", 2100),
    ],
)
def test_a_corrected_weight_replaces_the_old_one(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A load raised, not a weight corrected: the weight stays.
        ("Hubtisch HT-2\nGewicht: 85 kg\nTragkraft erhöht von 300 kg auf 400 kg.\n", 85000),
        # A comparison with a predecessor, no correction word.
        ("Drill D-5\nWeight: 1.6 kg\nThe housing went from 1.6 kg to 1.4 kg in D-6.\n", 1600),
    ],
)
def test_no_correction_note_leaves_the_weight(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)
