"""The whole article's weight beside its parts' (issue 14), on fresh texts written for this
test: a total weight wins over a shelf's, a drawer's or a blade's weight."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Workbench WB-2\nDrawer weight: 3 kg\nTotal weight: 41 kg\n", 41000),
        ("Regal R-4\nFachboden Gewicht: 2,5 kg\nGesamtgewicht: 19 kg\n", 19000),
        ("Ventilateur V-2\nPoids de l'hélice : 0,4 kg\nPoids total : 3,2 kg\n", 3200),
    ],
)
def test_a_total_weight_beats_a_parts_weight(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_permitted_total_weight_is_a_limit_not_the_article() -> None:
    text = "Anhänger A-7\nZulässiges Gesamtgewicht: 750 kg\nLeergewicht: 180 kg\n"
    assert find_unit_weight(text).grams == pytest.approx(180000)
