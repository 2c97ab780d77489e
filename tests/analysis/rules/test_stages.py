"""A part weighed raw (casting, forging) and as delivered (machined, finished): the
delivered part is the article; a raw weight alone still stands (issue 14, round V/U).
Fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lagerbock LB-40 GJS-400\nRohgussgewicht | 14,2 kg\nGewicht bearbeitet | 12,9 kg\n",
         12900),
        ("Pump housing PH-80\nRaw casting weight: 8.4 kg\nMachined weight: 7.1 kg\n", 7100),
        ("Carter CT-12\nPoids de l'ébauche : 5,6 kg\nPoids usiné : 4,9 kg\n", 4900),
        ("Brida BR-150\nPeso sin mecanizar: 3,3 kg\nPeso mecanizado: 2,8 kg\n", 2800),
        ("Welle W-20\nGewicht unbearbeitet: 6,1 kg\nGewicht bearbeitet: 5,4 kg\n", 5400),
        ("Mozzo MZ-60\nPeso grezzo | 1,9 kg\nPeso lavorato (stato di fornitura) | 1,55 kg\n",
         1550),
    ],
)  # fmt: skip
def test_the_delivered_part_beats_its_raw_casting(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Only the raw weight: it still stands.
        ("Kurbelwelle KW-7\nRohteilgewicht: 42 kg\nWerkstoff: 42CrMo4\n", 42000),
        # A plain weight beside a raw one: the plain one, as before.
        ("Gear blank GB-3\nWeight: 2.2 kg\nRaw forging weight: 2.6 kg\n", 2200),
    ],
)  # fmt: skip
def test_a_raw_weight_without_a_delivered_one(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)
