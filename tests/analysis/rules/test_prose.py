"""Weights in running prose beside another model's weight or a difference (issue 14), on
fresh texts written for this test in the five languages."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Heizlüfter HL-9\n\nDer neue HL-9 ersetzt den HL-7. Mit nur 2,1 kg ist er 600 g "
            "leichter als das Vorgängermodell, das 2,7 kg auf die Waage brachte.\n",
            2100,
        ),
        (
            "Bench grinder BG-6\nThe BG-6 replaces the BG-5 (2.4 kg); now 2.1 kg thanks to a cast "
            "aluminium base.\n",
            2100,
        ),
        (
            "Perceuse P-12\nAvec 850 g seulement, la P-12 pèse 150 g de moins que l'ancienne "
            "P-10 (1 kg).\n",
            850,
        ),
        ("Taladro T-4\nEl nuevo modelo pesa 3,2 kg; el modelo anterior pesaba 3,9 kg.\n", 3200),
        (
            "Trapano TR-8\nRispetto alla versione precedente (1,6 kg) il nuovo trapano pesa "
            "1,4 kg.\n",
            1400,
        ),
        ("Drill D-7\nAt 1.2 kg the D-7 is 300 g lighter than before.\n", 1200),
    ],
)
def test_the_articles_weight_beside_a_predecessor_or_a_difference(
    text: str, expected: float
) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        # Only the predecessor's weight is given: no article weight.
        "Fan F-3\nThe F-3 replaces the F-2, which weighed 1.1 kg.\nWeight: see drawing\n",
        # A mass in a key/value line with no weight word: a calibration weight, not the scale.
        "Bench scale BS-6\nCapacity ....... 6 kg\nCalibration .... external, 5 kg weight\n",
        # An optional part's mass in a sentence about weight.
        "Mixer M-2\nThe optional 3 kg counter plate keeps the weight low on the bench.\n",
    ],
)
def test_no_article_weight_in_such_prose_gives_none(text: str) -> None:
    assert find_unit_weight(text).grams is None


def test_a_prose_weight_is_not_given_high_confidence() -> None:
    text = "Lampe L-5\nMit 1,1 kg ist die L-5 leichter als die L-4.\n"
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(1100) and result.confidence < 0.8


def test_an_inertia_in_kg_cm2_is_no_mass_beside_a_prose_weight() -> None:
    text = (
        "Servomotor SV-80\nThe SV-80 weighs 2.6 kg; its rotor inertia is only 0.9 kg·cm², "
        "which allows fast moves.\n"
    )
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(2600) and result.confidence >= 0.8


def test_with_in_the_sentence_before_is_not_an_extra() -> None:
    # "avec" belongs to the sentence wrapped above, not to "Pour une masse de".
    text = (
        "Moteur M-80\nLe carter est compatible avec les brides de la série\nprécédente. "
        "Pour une masse de 2,2 kg, il délivre 3 N·m.\n"
    )
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(2200) and result.confidence >= 0.8


def test_an_abbreviation_does_not_end_the_clause() -> None:
    # "incl. shaft" still says what the weight includes.
    text = "Pump P-7\nWeight incl. motor: 12 kg\nWeight (bare shaft): 7 kg\n"
    assert find_unit_weight(text).grams == pytest.approx(7000)
