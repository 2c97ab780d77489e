"""A weight stated for a named part is not the article's, and German "Nettomasse" is a
net weight (corpus E, issue 14), on fresh texts written for this test."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    "text",
    [
        "Pressure gauge 63 mm, 0-16 bar\nMounting bracket: included (weight of the bracket: 35 g)\n"
        "Weight: on request\n",
        "Détecteur de fumée DF-10\nSocle: fourni (poids du socle : 40 g)\nPoids : voir catalogue\n",
    ],
)
def test_only_a_named_parts_weight_gives_no_weight(text: str) -> None:
    assert find_unit_weight(text).grams is None


def test_a_part_the_title_names_is_the_article() -> None:
    text = "Control valve body DN25\nWeight of the body: 2.4 kg\n"
    assert find_unit_weight(text).grams == pytest.approx(2400)


def test_the_weight_of_the_unit_is_the_articles() -> None:
    text = "Bench vice 100 mm\nPeso del equipo: 3,2 kg\n"
    assert find_unit_weight(text).grams == pytest.approx(3200)


def test_german_net_mass_beats_the_gross_mass() -> None:
    text = (
        "Verteilerdose VD 150\nAbmessungen 150 x 110 x 70 mm\n"
        "Nettomasse          2.310,5 g\nBruttomasse         2.600 g\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(2310.5)
