"""Masses of things the sheet sets apart from the article (issue 14): items sold or ordered
separately or not included, named by a key path, a column or a sentence; a part weighed in
brackets that the article comes without; an accessory table's first row under its heading.
Fresh texts written for this test in the five languages and several layouts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    "text",
    [
        # JSON key path of an item a note says is sold separately.
        "model: Level sensor LS-4\nprobe.weight_kg: 0.25\nprobe.note: probes are sold separately\n",
        # A column of the part ordered separately, the article's column empty.
        "Cojinete 6310 + soporte SN\nEl soporte SN se pide por separado.\n"
        "Dato | Cojinete 6310 | Soporte SN\nPeso | — | 2,1 kg\n",
        # A sentence about a separate item, with a bare mass.
        "Controllore C-3\nI galleggianti sono articoli venduti a parte (FG-1, 120 g cadauno).\n",
        # A table under a heading "not included": its first row too.
        "Capteur CP-2\nPortée | 4 m\n\nSupport (non fourni)\nÉquerre E-1 | acier, poids 40 g\n",
    ],
)
def test_only_a_separate_items_mass_gives_no_weight(text: str) -> None:
    assert find_unit_weight(text).grams is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Messumformer MU-1\nGewicht | 0,9 kg\nSensoren werden separat bestellt.\n"
            "Sensoren.Gewicht | 0,3 kg\n",
            900,
        ),
        # "without X" weighs the article, even when X is sold separately.
        ("Flowmeter F-2\nWeight without transducers: 1.4 kg\nTransducers sold separately.\n", 1400),
        (
            "Lichtschranke LS-9\nEigengewicht | 150 g\n\nZubehör (nicht im Lieferumfang)\n"
            "Reflektor R-3 | Gewicht 20 g\nHalter H-1 | 35 g\n",
            150,
        ),
    ],
)
def test_the_articles_mass_beside_a_separate_item(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Angle grinder AG-5\nWeight | 2.3 kg\nWeighed without side handle (side handle "
            "0.2 kg).\n",
            2300,
        ),
        ("Perceuse P-4\nPoids 1,6 kg, sans poignée auxiliaire (poignée 0,15 kg).\n", 1600),
        ("Smerigliatrice S-1\nPeso 2,0 kg senza impugnatura laterale (impugnatura 180 g)\n", 2000),
    ],
)
def test_a_bracketed_parts_mass_is_not_the_articles(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_bracketed_mass_of_something_else_stays() -> None:
    # "(approx. 2.4 kg)" qualifies the article's weight: no part is named.
    assert find_unit_weight("Vice V-2\nWeight (approx. 2.4 kg)\n").grams == pytest.approx(2400)


@pytest.mark.parametrize(
    "text",
    [
        # The item's weight in brackets inside the clause that sets it apart.
        "referencia: EX-400\npeso: null\nnotas: peso: a consultar; la rejilla (2,1 kg) se "
        "suministra aparte\n",
        "Extracteur EX-9\nPoids: sur demande\n"
        "La grille de protection (1,8 kg) est livrée à part.\n",
        "Aspiratore AS-2 | peso su richiesta; griglia (2 kg) fornita a parte\n",
        "Exhaust fan EF-3\nWeight: on request. The guard (4 lb) is supplied separately.\n",
    ],
)
def test_a_bracketed_weight_of_an_item_supplied_apart_is_no_weight(text: str) -> None:
    assert find_unit_weight(text).grams is None
