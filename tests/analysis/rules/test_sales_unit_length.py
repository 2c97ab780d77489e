"""The article's length stated by its sales unit (issue 14, round F/G/H), on fresh texts
written for this test: a roll, coil, bar or carton of N m is one article of N m, so its
weight is the weight per metre times N; a sales unit that is the metre keeps kg/m, and a
cross-section ("40 x 40 x 2", "Ø 20") or a stock length is never the article's length."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # txt key/value, fr: the length sits inside the sales unit.
        ("Tuyau PE 25 x 2,3\nUnité de vente : couronne de 25 m\n"
         "Masse linéique : 0,17 kg/m\n", 4250),
        # table row, de, a bar of a stated length.
        ("Vierkantrohr 30 x 30 x 2\nVerkaufseinheit | Stange zu 6 m\n"
         "Gewicht | 1,68 kg/m\n", 10080),
        # JSON key path, en.
        ("item: Chain 06B-1\nsales.unit: box holding 10 m of chain\n"
         "weight_per_metre_kg: 0.41\n", 4100),
        # markdown bold, es, length in mm.
        ("**Perfil en U 40x20**\n**Unidad de venta:** barra de 3.000 mm\n"
         "| Peso por metro | 1,2 kg/m |\n", 3600),
    ],
)  # fmt: skip
def test_a_length_in_the_sales_unit_multiplies_the_weight_per_metre(
    text: str, expected: float
) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8  # derived


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # it, the roll's own length on another line.
        ("Nastro in gomma 20 mm\nUnità di vendita: rotolo\nLunghezza rotolo: 15 m\n"
         "Peso per metro: 30 g\n", 450),
        # de compound, table.
        ("Kantenschutzprofil\nVerkaufseinheit | Rolle\nRollenlänge | 25 m\n"
         "Gewicht | 0,05 kg/m\n", 1250),
        # en key path with the unit in the key.
        ("product: Rubber strip\nsales unit: coil\ncoil.length_m: 20\nweight: 80 g/m\n", 1600),
    ],
)  # fmt: skip
def test_the_length_of_the_roll_the_sales_unit_names(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Rame tubo Ø 18 x 1\nUnità di vendita: metro (da rotolo di 50 m)\nPeso: 0,48 kg/m\n",
        "Steel tube 40 x 40 x 2\nSales unit | 1 m, cut from 6 m bars\nWeight | 2.38 kg/m\n",
        "Câble H07RN-F 3G2,5\nunité de vente : mètre linéaire\nMasse : 0,16 kg/m\n",
    ],
)
def test_a_sales_unit_of_one_metre_keeps_the_weight_per_metre(text: str) -> None:
    grams = find_unit_weight(text).grams
    assert grams in (480, 2380, 160)


def test_a_cross_section_in_the_sales_unit_is_no_length() -> None:
    text = "Rundrohr\nVerkaufseinheit: Rohr Ø 20 x 2 mm, Länge nach Wahl\nGewicht: 0,89 kg/m\n"
    assert find_unit_weight(text).grams == pytest.approx(890)


@pytest.mark.parametrize(
    "text",
    [
        "Capteur de niveau NS-4\nUnité de vente : 1 capteur avec câble 5 m\n"
        "Poids du câble : 0,06 kg/m\n",
        "Level sensor LS-9\nSales unit: 1 sensor with 10 m cable\nCable weight: 45 g/m\n",
        "Sensore di livello\nUnità di vendita | 1 pezzo con cavo da 3 m\nPeso cavo | 0,05 kg/m\n",
    ],
)
def test_a_length_of_a_part_in_the_sales_unit_is_not_the_articles(text: str) -> None:
    assert find_unit_weight(text).grams is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tubo rame 22x1 - rotolo 25 m\nPeso: 0,59 kg/m\n", 14750),
        ("Mantelleitung NYM-J 3x1,5 Ring 100 m\nGewicht | 0,12 kg/m\n", 12000),
        ("PE pipe 32 x 2.9, 100 m coil\nweight_kg_m: 0.27 kg/m\n", 27000),
        ("# Fil inox 1 mm — couronne de 50 m\n**Masse linéique :** 6,2 g/m\n", 310),
    ],
)
def test_a_roll_or_coil_of_n_metres_named_by_the_title(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        # a cable reel is a device: its cable's weight is a part's.
        "Cable reel 25 m H07RN-F 3G1.5\nCable weight: 0.135 kg/m\n",
        # sold by the metre from the ring: the unit stays one metre.
        "Kabel NYM 3x1,5 vom Ring 100 m, Meterware\nGewicht 0,12 kg/m\n",
    ],
)
def test_a_reel_device_or_a_metre_sale_is_no_roll_article(text: str) -> None:
    assert find_unit_weight(text).grams in (None, 120)


@pytest.mark.parametrize(
    "text",
    [
        "Round bar 25 mm\nWeight: 3.85 kg/m\n",
        "Rotolo nastro 19 mm\nPeso: 3,85 kg/m\n",
        "Barre ronde 25 mm — Masse : 3,85 kg/m\n",
    ],
)
def test_a_diameter_or_width_beside_bar_or_roll_in_the_title_is_no_length(text: str) -> None:
    assert find_unit_weight(text).grams == pytest.approx(3850)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gummischlauch 19 mm\nVerkaufseinheit: 100 m\nGewicht: 0,3 kg/m\n", 30000),
        ("Corde polyamide 10 mm\nUnité de vente : 50 m\nMasse : 62 g/m\n", 3100),
        ("Cuerda de nailon 8 mm\nunidad de venta | 25 m\npeso | 40 g/m\n", 1000),
    ],
)
def test_a_sales_unit_of_n_metres_is_a_piece_of_n_metres(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)
