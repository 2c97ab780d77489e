"""A run-on line holds several terms (issue 14, round X/W): "Capacité : 20 l - Poids à
vide : 4,1 kg", "max torque 180 N·m, net weight 1.45 kg", "forza di serraggio 55 kN.
Massa: 18 kg". A term before the weight word that states a value of its own, or ends at a
semicolon, is another statement: its capacity, torque or force is no distractor of the
weight, its "max" no limit, its "ohne" no "weight without". "The weight of the X" names
what is weighed: a container named before it is not. Fresh texts for this test."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Seau galvanisé 12 L\nCapacité : 12 l \u2013 Poids à vide : 1,3 kg \u2013 Ø 300 mm.\n",
            1300,
        ),
        (
            "Cordless drill CD-12, bare tool\n"
            "Data: max torque 45 N·m, no-load speed 0-1500 rpm, net weight 1.1 kg.\n",
            1100,
        ),
        (
            "Morsa da banco MB-125\nApertura 125 mm, forza di chiusura 30 kN. "
            "Massa della morsa: 9,5 kg.\n",
            9500,
        ),
        ("Hubzylinder HZ-5\nTragkraft 25 kN, Eigengewicht 6,8 kg, Hub 150 mm.\n", 6800),
        ("Gato hidráulico GH-3\nFuerza de elevación 30 kN; peso neto 6,2 kg.\n", 6200),
        # The semicolon opens the part's own statement, sold separately.
        (
            "Motorschutzschalter MS-10\nGewicht: 0,32 kg (ohne Hilfskontakt; Hilfskontakt "
            "HK-1 wiegt 20 g und wird separat bestellt).\n",
            320,
        ),
        # "the weight of the PC-3": the box section before it is no container.
        (
            "Pallet clamp PC-3\nThanks to a new box section we cut the weight of the PC-3 "
            "to 41 kg.\n",
            41000,
        ),
        # A container word ("Cassa": housing) in an earlier sentence weighs nothing here.
        (
            "Riduttore RV-63\nCassa in alluminio, rapporto 1:20, coppia 80 Nm. "
            "Il gruppo completo ha una massa di 8,1 kg.\n",
            8100,
        ),
        (
            "Chariot CT-2\nGrâce au châssis en boîte soudée, la masse du chariot tombe à 58 kg.\n",
            58000,
        ),
    ],
)
def test_the_weights_own_term_labels_it(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected, rel=1e-3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A term without a value of its own qualifies the weight: "Max." stays a limit.
        (
            "Transportkiste TK-3 aus Holz\nHöhe 40 cm. Max. Gewicht: 12 kg\nGewicht: 3,1 kg\n",
            3100,
        ),
        # The container named after "weight of" is still what is weighed.
        ("Wood screw WS-4\nPacking: 100 pcs per carton. Gross weight of one carton: 1.5 kg\n", 15),
    ],
)
def test_a_qualifying_term_stays(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected, rel=1e-3)


@pytest.mark.parametrize(
    "text",
    [
        # The distractor stands in the weight's own term.
        "Trolley T-9\nDeck 600 x 400 mm, load weight 150 kg.\n",
        # A capacity term without a value of its own is not cut off.
        "Paranco PR-2\nPortata, massa sollevabile: 500 kg.\n",
    ],
)
def test_a_distractor_in_its_own_term(text: str) -> None:
    assert find_unit_weight(text).grams is None
