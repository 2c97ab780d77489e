"""Masses in prose that are not the article's (issue 14, round V/U), on fresh texts: another
model's weight in brackets after its name, a part "already counted in the weight", a
mass coordinated after another with its own subject ("and the remote console 0.2 kg"),
an optional part "not included", and a per-metre weight a relative clause hangs on a part.
"""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Another model's weight in brackets after its name.
        ("Compresseur CP-9\nLe CP-9 remplace le modèle CP-7 (poids 21,5 kg). Poids du CP-9 : "
         "19,2 kg.\n", 19200),
        ("Taladro TD-20\nEl TD-20 sustituye al modelo TD-18 (peso 2,9 kg). Con batería, "
         "el taladro pesa 2,4 kg.\n", 2400),
        ("Bench grinder BG-6\nThe BG-6 weighs 14.5 kg, two kilos less than its predecessor "
         "BG-5 classic (16.5 kg).\n", 14500),
        ("Smerigliatrice SM-3\nLa SM-3 pesa 3,1 kg, meno della concorrente RX-4 (3,6 kg).\n",
         3100),
    ],
)  # fmt: skip
def test_a_bracket_after_another_model_weighs_that_model(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_the_articles_own_bracket_is_its_weight() -> None:
    # Near miss: the bracket follows the article's name, the predecessor comes after it.
    text = "Pompe PV-4\nLa pompe PV-4 (poids 8,2 kg) remplace le modèle PV-3.\n"
    assert find_unit_weight(text).grams == pytest.approx(8200)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The article's weight "with the chain included" ranks below a plain one.
        ("Chain hoist CH-250\nWith the 3 m chain included, the hoist weighs 24 kg. The "
         "pendant control weighs 0.5 kg and is already included in the weight stated.\n",
         24000),
        ("Elektrokettenzug EK-3\nMit Kette wiegt der Kettenzug 31 kg. Das Handbediengerät "
         "wiegt 0,6 kg und ist im Gesamtgewicht bereits enthalten.\n", 31000),
        ("Paranco PC-8\nCon la catena inclusa il paranco pesa 17 kg. La pulsantiera pesa "
         "0,4 kg ed è già compresa nel peso indicato.\n", 17000),
    ],
)  # fmt: skip
def test_a_part_counted_in_the_weight_is_no_unit_weight(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_part_not_included_in_the_weight_is_still_read() -> None:
    # Near miss: "not included in the weight" does not say it is a part of that weight.
    text = "Pulsantiera PT-2\nLa pulsantiera pesa 0,4 kg e non è compresa nel peso del paranco.\n"
    assert find_unit_weight(text).grams == pytest.approx(400)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The article's weight "with its fan" ranks below a plain one.
        ("Variateur VX-40\nAvec son ventilateur, le variateur pèse 3,9 kg. Le filtre "
         "optionnel (non inclus) pèse 0,6 kg et la console déportée 0,3 kg.\n", 3900),
        ("Frequency inverter FI-22\nWith its fan, the inverter weighs 2.2 kg. The optional "
         "filter (not included) weighs 0.5 kg and the remote keypad 0.1 kg.\n", 2200),
        ("Variador VF-11\nCon ventilador, el variador pesa 1,8 kg. El filtro opcional (no "
         "incluido) pesa 0,4 kg y la consola remota 0,2 kg.\n", 1800),
    ],
)  # fmt: skip
def test_optional_parts_and_a_coordinated_part_are_no_unit_weight(
    text: str, expected: float
) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_coordinated_mass_of_the_article_itself_is_read() -> None:
    # Near miss: "and the inverter 2.4 kg" names the article by its title.
    text = "Inverter IV-5\nThe packed box weighs 3.1 kg gross and the inverter 2.4 kg net.\n"
    assert find_unit_weight(text).grams == pytest.approx(2400)


def test_not_included_is_no_weight_with_extras() -> None:
    # The valve's net weight; the flanges "are not included" and are optional.
    text = (
        "Válvula VR-8\nPeso | ver nota\nNota: peso neto de la válvula: 1,25 kg. Las bridas "
        "opcionales (2 x 0,5 kg) no están incluidas.\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(1250)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Polipasto eléctrico de cadena PX-250\nEl PX-250 usa una cadena de acero de 4 mm, "
         "que pesa 0,35 kg por metro. Con la cadena incluida, el polipasto completo pesa "
         "21 kg.\n", 21000),
        ("Treuil électrique TE-300\nLe TE-300 est livré avec un câble d'acier de 6 mm, qui "
         "pèse 0,14 kg par mètre. Le treuil complet pèse 27 kg.\n", 27000),
    ],
)  # fmt: skip
def test_a_per_metre_weight_of_a_part_is_no_unit_weight(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_per_metre_weight_of_the_titled_goods_is_read() -> None:
    # Near miss: the relative clause hangs the weight on the chain the title sells.
    text = "Cadena de eslabón corto 5 mm\nCadena de acero galvanizado, que pesa 0,5 kg por metro.\n"
    assert find_unit_weight(text).grams == pytest.approx(500)
