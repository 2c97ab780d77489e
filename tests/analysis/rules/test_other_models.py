"""A mass in prose that belongs to another model (issue 14): a competitor's, a sibling's of
the same range, a model the article is compared with, a predecessor that is the subject of
its own weighing; on fresh texts written for this test in the five languages."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A competitor, weighed in a relative clause before the article's own mass.
        (
            "Hose clamp HC-9\nUnlike the competing model, which weighs 95 g, our clamp has a "
            "**mass of 72 g**.\n",
            72,
        ),
        (
            "Kupplung K-4\nIm Gegensatz zum Modell des Wettbewerbers, das 1,9 kg wiegt, bringt "
            "die K-4 nur 1,6 kg auf die Waage.\n",
            1600,
        ),
        (
            "Vanne V-2\nLe modèle concurrent, qui pèse 2,2 kg, est plus lourd ; notre vanne "
            "pèse 1,8 kg.\n",
            1800,
        ),
        # A sibling of the same range, or the model it is compared with, in brackets.
        (
            "Motor paso a paso MP-17\nCon sus 0,35 kg, el MP-17 es más ligero que el modelo "
            "de 48 mm de la misma gama (0,45 kg).\n",
            350,
        ),
        (
            "Pompa P-6\nCon 2,4 kg la P-6 è più leggera del modello maggiore della stessa serie "
            "(3,1 kg).\n",
            2400,
        ),
        (
            "Lüfter L-2\nMit 310 g ist der L-2 leichter als das 120-mm-Modell der gleichen "
            "Baureihe\n(420 g).\n",
            310,
        ),
        # A predecessor that weighed its own mass, after the article's.
        (
            "Charger C-5\nThe C-5 tips the scales at 240 g \u2013 the predecessor weighed 410 g.\n",
            240,
        ),
        (
            "Akkuschrauber AS-3\nDer AS-3 bringt 1,1 kg auf die Waage; das Vorgängermodell "
            "wog noch 1,4 kg.\n",
            1100,
        ),
    ],
)
def test_another_models_mass_is_not_the_articles(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Compared with another model, the article weighs: the article's own mass.
        ("Drill D-9\nCompared with the previous model, the D-9 weighs 1.3 kg.\n", 1300),
        ("Sega S-2\nRispetto alla versione precedente, la S-2 pesa 2,1 kg.\n", 2100),
        ("Tester T-1\nThe T-1 replaces the T-0 and weighs 180 g.\n", 180),
    ],
)
def test_the_articles_mass_beside_another_model_stays(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_only_a_competitors_mass_gives_no_weight() -> None:
    text = "Raccordo R-2\nIl raccordo concorrente equivalente pesa 140 g.\n"
    assert find_unit_weight(text).grams is None
