"""Key/value pairs run together in one cell, as a nested table or definition list inside a
table cell is flattened ("Speed: 2 m/min; Net wt.: 24 kg"): each value is labelled by its
own key, not by the words of the pairs before it (issue 14, round 2). Fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A "min" of the pair before ("m/min") is no limit of the weight after it.
        (
            "Seilwinde SW-5\nBestellt: SW-5\nTyp | Daten\n"
            "SW-3 | Geschw.: 6 m/min; Eigengew.: 12 kg\n"
            "SW-5 | Geschw.: 4 m/min; Eigengew.: 19 kg\n",
            19000,
        ),
        (
            "Treuil TR-2\nModèle | Détails\nTR-2 | Vitesse: 8 m/min; Poids: 31 kg; "
            "Câble: 0,2 kg/m\n",
            31000,
        ),
        ("Argano AR-1: portata max.: 500 kg; peso: 14 kg\n", 14000),
    ],
)
def test_each_pair_of_a_cell_has_its_own_label(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    ("label", "abbreviated"),
    [("Eigengew.", True), ("Leergew.", True), ("Gesamtgew.", False), ("Nettogew.", True)],
)
def test_abbreviated_german_compounds_are_weight_words(label: str, abbreviated: bool) -> None:
    result = find_unit_weight(f"Hubwagen HW-2\n{label}: 42 kg\n")
    assert result.grams == 42000
    assert (result.confidence >= 0.85) is True or not abbreviated
