"""Goods sold by the metre whose sheet weighs only the roll: the roll's weight divided by
its length (issue 14, round F/G/H), also when the title names the roll ("Abrasive cloth
roll") or the roll's length is a key path; on fresh texts written for this test."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    "text",
    [
        # en txt, the title names the roll but the sales unit is the metre.
        "Abrasive cloth roll 115 mm\nSales unit: metre\nRoll length: 50 m\nRoll weight: 2.9 kg\n",
        # it JSON key paths.
        "Tela abrasiva 115 mm\nUnità di vendita: metro\nrotolo.lunghezza_m: 50\n"
        "rotolo.peso_kg: 2,9\n",
        # es key path for the sales unit.
        "Lija en rollo 115 mm\nventa.unidad: metro\nPeso del rollo de 50 m: 2,9 kg\n",
        # de table.
        "Schleifleinen 115 mm\nVerkaufseinheit | Meter\nRollenlänge | 50 m\n"
        "Rollengewicht | 2,9 kg\n",
    ],
)
def test_a_roll_weight_is_divided_by_its_length(text: str) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(58)
    assert result.confidence < 0.8


def test_a_box_holding_metres_is_the_article() -> None:
    text = "Chain 08B-1\nSales unit: box with 5 m of chain\nWeight per 100 m: 70 kg\n"
    assert find_unit_weight(text).grams == pytest.approx(3500)
