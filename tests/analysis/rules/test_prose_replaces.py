"""Prose weights beside a predecessor's (issue 14, round X/W): "has a mass of 9.6 kg and
replaces the old MRV-49 of 11.2 kg" (the article replaces: its mass is the one before the
verb); "devancière", "predecesor" name a predecessor; a "Key : value" line whose value
runs on in sentences is read sentence by sentence. Fresh texts written for this test."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Riduttore RV-40\nCorpo in ghisa. Il gruppo ha una massa di 7,2 kg e sostituisce "
            "il vecchio RV-39 da 8,4 kg.\n",
            7200,
        ),
        ("Winch W-7\nThe W-7 weighs 23 kg and replaces the older W-6 at 27 kg.\n", 23000),
        ("Treuil T-3\nLe T-3 pèse 12 kg et remplace l'ancien T-2 de 15 kg.\n", 12000),
        ("Cabrestante C-5\nEl C-5 pesa 9 kg y sustituye al antiguo C-4 de 11 kg.\n", 9000),
        (
            "Pompe P-8\nNouveau modèle : avec 2,4 kg, la P-8 est plus légère que sa devancière "
            "P-7 (3,1 kg). Cuve de 20 l en option.\n",
            2400,
        ),
        (
            "Bomba B-2\nNueva serie: con 1,9 kg, la B-2 es más ligera que su predecesora "
            "B-1 (2,3 kg).\n",
            1900,
        ),
    ],
)
def test_the_articles_weight_in_prose(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected, rel=1e-3)


@pytest.mark.parametrize(
    "text",
    [
        # Passive: the mass before "is replaced by" is the old model's.
        "Winch W-9\nThe W-8 weighed 30 kg and is replaced by the W-9.\n",
        "Seilzug S-4\nDer S-3 mit 14 kg wird ersetzt durch den S-4.\n",
    ],
)
def test_the_replaced_models_weight_is_not_taken(text: str) -> None:
    assert find_unit_weight(text).grams is None
