"""Prose that compares the article's mass with a predecessor's named after it, "earlier"
models, "tips the scales", and a stated weight per metre over a ring's divided weight
(corpus E, issue 14), on fresh texts written for this test."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Akku-Bohrhammer BH 18\nMit 2,1 kg ist er spürbar leichter als sein Vorgänger BH 16,"
            " der 2,6 kg wog.\nSchlagenergie 1,7 J\n",
            2100,
        ),
        (
            "Work light WL-50\nAt only 900 g, the WL-50 is easier to carry than the earlier"
            " WL-40, which tipped the scales at 1.3 kg.\nRuns 4 h on one charge.\n",
            900,
        ),
        (
            "Perceuse PC-13\nAvec 1,4 kg elle est plus légère que la précédente PC-12.\n"
            "Puissance 600 W\n",
            1400,
        ),
    ],
)
def test_the_mass_compared_with_a_predecessor_named_after_it_is_the_articles(
    text: str, expected: float
) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_predecessors_mass_named_right_after_is_not_the_articles() -> None:
    text = "Lampe LX-2\nPoids : 320 g\n(450 g pour l'ancien modèle LX-1)\n"
    assert find_unit_weight(text).grams == pytest.approx(320)


def test_a_stated_weight_per_metre_beats_a_rings_weight_divided() -> None:
    text = (
        "PE-Rohr d 25, Meterware\nVerkaufseinheit: 1 m\n"
        "Gewicht: 0,170 kg/m\nRinggewicht (50 m): ca. 8,7 kg\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(170)
