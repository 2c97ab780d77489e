"""The text the rules read (issue 14): markdown emphasis and dot leaders glued to a number
do not hide a weight, compound imperial weights keep their ounces after "lbs.", and a
fraction's denominator is no weight; fresh texts written for this test."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pinza P-3\n| **Peso neto** | **0,42** kg |\n", 420),  # md table, emphasis
        ("Zange Z-1\n*Gewicht*: *0,38* kg\n", 380),
        ("Étau E-5\nPoids net ..........3,9 kg\nCharge ....... 200 kg\n", 3900),  # leader
        ("Hammer H-2\nNet weight.....1.6 kg\n", 1600),
        ("Sales unit ...... piece\nClamp C-9\nWeight ......... 0.25 kg\n", 250),
    ],
)
def test_emphasis_and_leaders_do_not_hide_a_weight(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chisel C-2\nNet wt. 2 lbs. 4 oz.\n", 1020.58),
        ("Sander S-1\n| Weight, bare tool | 3 lb. 11 oz |\n", 1672.62),
        ("Drill D-4\nWeighs 4 lb 2 oz without battery.\n", 1871.07),
    ],
)
def test_compound_imperial_weights(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected, rel=1e-4)


def test_a_fractions_denominator_is_no_weight() -> None:
    # "2-1/2 lbs" is two and a half pounds: never 2 lbs. Not read at all is the safe side.
    assert find_unit_weight("Mallet M-1\nNet Wt. 2-1/2 lbs\n").grams != pytest.approx(907.18)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A star between two numbers multiplies: emphasis blanking must not eat it.
        ("Blech DC01\nVerkaufseinheit: Tafel 1000*2000 mm\nFlächengewicht: 23,55 kg/m²\n", 47100),
        ("Plate S235\nSales unit: 1 sheet 1250 * 2500 mm\nWeight: 23.6 kg/m2\n", 73750),
        # The same sheet with emphasis around the size still reads both.
        ("Lastra PVC\n**Unità di vendita:** *lastra 1000*2000 mm*\n**Peso:** 3,1 kg/m²\n", 6200),
    ],
)
def test_a_star_between_numbers_is_a_multiplication_sign(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected, rel=0.001)
