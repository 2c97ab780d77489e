"""Weights stated for N pieces when one piece is bought (issue 14), on fresh texts written
for this test, in the wordings of the five languages: "für 100 Stück", "pour 1000 pièces",
"per 100 <any noun>", "cada 100 piezas"."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Distanzhülse DH-6\nVerkauf: Stück\nGewicht für 100 Stück: 240 g\n", 2.4),
        ("Rondelle M4 inox\nPoids pour 1000 pièces : 1,8 kg\n", 1.8),
        ("Fascetta FS-3, venduta al pezzo\nPeso per 100 fascette: 35 g (senza busta)\n", 0.35),
        ("Tuerca ciega M8\nPeso cada 100 piezas | 0,5 kg\n", 5),
        ("Label roll holder LH-1\nWeight per 50 labels: 40 g\n", 0.8),
        ("Kabelschuh KS-10\nGewicht je 100 | 0,21 kg\n", 2.1),
    ],
)
def test_a_weight_per_n_pieces_is_divided(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence <= 0.75  # derived, not read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A measure is not a count of pieces: per 100 metres on goods sold by the metre.
        ("Hose H-5, sold by the metre\nWeight per 100 metres: 18 kg\n", 180),
        # A number that is not followed by a noun ending the label is no count.
        ("Heater HT-2 for 230 V mains\nWeight for 230 V version: 2,4 kg\n", 2400),
    ],
)
def test_measures_and_other_numbers_are_not_counts(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A count of pieces in the weight's own label, without "per".
        ("Pasador P-3\nPeso (250 uds.): 0,9 kg\n", 3.6),
        ("Stift ST-2\nGewicht 1000 Stk.: 310 g\n", 0.31),
        # The Italian pack abbreviation "conf." with its count on the line above.
        ("Lama LS-4\nConf. 5 pezzi\nPeso confezione: 400 g\n", 80),
    ],
)
def test_a_count_in_the_label_divides(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence <= 0.75


def test_an_order_quantity_in_the_label_is_no_count() -> None:
    text = "Clip C-1\nMinimum order 500 pcs, weight 12 g\n"
    assert find_unit_weight(text).grams == pytest.approx(12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The counted pieces as the sentence's subject.
        ("Washer W-12\n1000 pcs weigh 3.1 kg\n", 3.1),
        ("Mutter M-5\n100 Stück wiegen 52 g\n", 0.52),
        # A Spanish pack word: "envase de 20 unidades".
        ("Broca B-6\nEnvase de 20 unidades: 0,5 kg\nVenta por unidad\n", 25),
    ],
)
def test_counted_subjects_and_pack_words(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)
