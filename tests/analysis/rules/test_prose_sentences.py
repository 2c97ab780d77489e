"""Which prose sentence a bare mass stands in (issue 14): wrapped lines are one sentence
("plus\nléger"), a "Key: value" list line is its own statement, and weighing, scales and
weighed are weight wording; on fresh texts written for this test in the five languages."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ventilateur V-3\nAvec ses 1,2 kg, le V-3 est nettement plus\nléger que prévu.\n", 1200),
        ("Ventilador V-4\nCon sus 900 g el V-4 es mucho más\nligero.\n", 900),
        ("Netzteil N-8\nDas N-8 bringt nur 410 g auf die\nWaage.\n", 410),
        (
            "Hi Tom,\nwe weighed the sample of the CT-4 controller this morning: the bare unit\n"
            "comes in at 1 lb 6 oz. Boxed it is 2 lb.\n",
            623.69,
        ),
        ("Quadro Q-1\nIl quadro, pesato in magazzino, risulta di 3,4 kg.\n", 3400),
        ("Caja C-3\nLa caja pesaba en la báscula 2,6 kg sin tapa.\n", 2600),
    ],
)
def test_a_bare_mass_in_a_weight_sentence(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected, rel=1e-3)


@pytest.mark.parametrize(
    "text",
    [
        # A list line of a part ends at its line: the weight word below is another line's.
        "Masking tape 19 mm x 50 m\n- Core: 76 mm cardboard, 24 g\n- Roll weight: n/a\n",
        "Klebeband 25 mm\nKern: Karton 76 mm, 30 g\nRollengewicht: auf Anfrage\n",
        "Ruban adhésif 50 mm\n* Mandrin : carton, 32 g\n* Poids du rouleau : sur demande\n",
    ],
)
def test_a_key_value_line_is_not_prose(text: str) -> None:
    assert find_unit_weight(text).grams is None


def test_a_level_is_no_scale() -> None:
    # "waagerecht" (level) holds "Waage" (scales) but is no weight wording.
    text = "Regler R-2\nEinbaulage waagerecht, Stoßfestigkeit 15 g, Masse 240 g.\n"
    assert find_unit_weight(text).grams == pytest.approx(240)
