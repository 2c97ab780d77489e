"""A cable, line or hose weighed per metre on a device's sheet is a component's weight,
not the article's (issue 14, round F/G/H); on fresh texts written for this test."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    "text",
    [
        # en CSV: a power pack's hose.
        "parameter | value | unit\nmodel | PP-20\nflow | 20 | l/min\n"
        "return hose weight | 0.4 | kg/m\n",
        # de txt: a lamp's connection line.
        "Maschinenleuchte ML-7\nSchutzart ...... IP65\nGewicht Zuleitung ...... 60 g/m\n",
        # it: an air gun's spiral hose.
        "Pistola di soffiaggio PS-3\nPressione: 8 bar\nPeso del tubo flessibile: 0,09 kg/m\n",
        # fr / es / de: a cable reel's cable.
        "Dévidoir 40 m H07RN-F 3G2,5\nMasse linéique du câble | 0,16 kg/m\n",
        "Enrollacables 25 m H05VV-F 3G1,5\nPeso del cable: 0,11 kg/m\n",
        "Kabeltrommel 50 m H07RN-F 3G1,5\nLeitungsgewicht: 0,135 kg/m\n",
    ],
)
def test_the_line_of_a_device_gives_no_weight(text: str) -> None:
    assert find_unit_weight(text).grams is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hydraulikschlauch 2SN DN10, Meterware\nGewicht: 0,38 kg/m\n", 380),
        ("Air hose PU 10x6.5, sold by the metre\nhose weight | 0.05 | kg/m\n", 50),
        ("Manguera de riego 19 mm\nUnidad de venta: metro\nPeso: 0,21 kg/m\n", 210),
    ],
)
def test_a_hose_sold_as_goods_keeps_its_weight(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the goods named in a cell of the weight's own row (en CSV).
        ("article | description | tube weight (kg/m)\nTB-1 | Steel tube 42x2 | 2.0\n", 2000),
        ("artículo | descripción | peso manguera (kg/m)\nH-1 | Manguera 2SN DN12 | 0,45\n", 450),
        # a name key before the goods (JSON path, it / de).
        ("descrizione: Tubo inox 42x2\npeso tubo: 2 kg/m\n", 2000),
        ("Bezeichnung | Hydraulikschlauch 2SN\nSchlauchgewicht | 0,45 kg/m\n", 450),
    ],
)
def test_tube_or_hose_goods_named_in_their_row_or_name_key(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Idropulitrice HD-150\nPressione: 150 bar\nPeso tubo alta pressione: 0,25 kg/m\n",
        "Hidrolimpiadora HL-150\nManguera de alta presión | 10 m\n"
        "Peso de la manguera | 0,25 kg/m\n",
        "Pressure washer PW-150\nHigh-pressure hose 10 m | weight 0.25 kg/m\n",
    ],
)
def test_the_hose_of_a_machine_gives_no_weight(text: str) -> None:
    assert find_unit_weight(text).grams is None


def test_goods_named_below_a_letterhead_stay_goods() -> None:
    text = (
        "Stahlhandel X GmbH\nHauptstr. 1\n12345 Stadt\nHydraulikschlauch 2SN DN12\n"
        "Schlauchgewicht: 0,45 kg/m\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(450)
