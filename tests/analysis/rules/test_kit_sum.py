"""A kit, set or assembled group sold as one unit with only its components' weights
(issue 14, round X/W), on fresh texts written for this test: the weight is the sum of
each component's weight times its quantity; an accessory sold separately is left out,
and a stated total wins."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Befestigungsset BS-2\nVerkaufseinheit: 1 Set\nMenge | Teil | Gewicht je Teil\n"
            "1 | Winkel | 0,80 kg\n2 | Lasche | 0,12 kg\n6 | Schraube M6 | 8 g\n",
            1088,
        ),
        (
            "# Repair kit RK-9\n\nSales unit: 1 kit\n\n| Qty | Part | Weight each |\n"
            "|---|---|---|\n| 2 | Valve plate | 110 g |\n| 1 | Gasket set | 35 g |\n",
            255,
        ),
        (
            "Grupo electrógeno GE-5\nSe suministra como grupo completo montado.\n"
            "Componente | Peso\nMotor diésel | 48 kg\nAlternador | 21,5 kg\nChasis | 12 kg\n",
            81500,
        ),
        (
            "Gruppo pompa GP-2\nPeso del gruppo = somma dei componenti.\n"
            "Componente | Peso\nPompa | 9 kg\nMotore | 6,5 kg\n",
            15500,
        ),
        (
            "Kit de fixation KF-3\nUnité de vente : 1 kit\nQté | Pièce | Poids unitaire\n"
            "1 | Platine | 450 g\n4 | Vis M8 | 15 g\n",
            510,
        ),
        (  # the quantity column in the middle
            "Kit KS-1\nSales unit: 1 kit\nPart | Qty | Weight each\nBracket | 2 | 0.25 kg\n"
            "Bolt | 4 | 0.02 kg\n",
            580,
        ),
    ],
)
def test_a_kit_weighs_its_summed_components(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A stated set weight: no sum.
        (
            "Montageset MS-1\nVerkaufseinheit: 1 Set\nSetgewicht: 1,4 kg\n"
            "Menge | Teil | Gewicht je Teil\n1 | Platte | 1,0 kg\n2 | Klemme | 0,2 kg\n",
            1400,
        ),
        # An accessory sold separately is no part of the kit.
        (
            "Repair kit RK-2\nSales unit: 1 kit\nQty | Part | Weight each\n1 | Impeller | 300 g\n"
            "1 | Seal | 100 g\n1 | Puller tool (sold separately) | 900 g\n",
            400,
        ),
    ],
)
def test_no_sum_over_a_total_or_a_separate_item(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)
