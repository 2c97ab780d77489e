"""Cut pieces written with dot leaders, OCR-glued words, a weight per metre without a label,
or a label of several words (issue 14, round F/G/H), on fresh texts written for this test."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dot leaders between the cut label and "1 Stück à ...".
        ("Flachstahl 50 x 8\nZuschnitt .......... 1 Stück à 2000 mm\n"
         "Metergewicht ....... 3,14 kg/m\n", 6280),
        # OCR glued the order line's words.
        ("Rundrohr 48,3x3\nPos.1:2StueckZuschnitt1500mm,S355\nMetergewicht: | 3,35kg/m\n", 5025),
        # a label with a word more, value and unit in their own cells (en CSV).
        ("name | value | unit\ncut length ordered | 12 | m\nweight per metre | 0.09 | kg/m\n",
         1080),
        # a table row whose kg/m has no label of its own (OCR lost the header's pipes).
        ("Poutrelle IPE 160 - coupe à 4.000 mm\nProfil hxb Poids\nIPE 160 160x82mm 15,8kg/m\n",
         63200),
    ],
)  # fmt: skip
def test_the_piece_length_is_found_in_rough_layouts(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


def test_an_unlabelled_weight_per_metre_is_less_sure_than_a_labelled_one() -> None:
    labelled = find_unit_weight("Profile 20x20\nWeight: 0.5 kg/m\n")
    bare = find_unit_weight("Profile 20x20\nB-type 20x20mm 0,5kg/m\n")
    assert bare.grams == labelled.grams == pytest.approx(500)
    assert bare.confidence < labelled.confidence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cut piece: HEA 100, 4.5 m long\nWeight per metre: 16.7 kg\n", 75150),
        ("Tronçon de poutrelle IPE 100, 2,5 m de long\nMasse linéique : 8,1 kg/m\n", 20250),
        ("Rundstahl Ø 30\nVerkaufseinheit: Stange\nStangenlänge: 6 m\nMetergewicht: 5,55 kg/m\n",
         33300),
        ("Piatto 40x5 - barra 3 m\nPeso al metro: 1,57 kg/m\n", 4710),
    ],
)  # fmt: skip
def test_a_piece_n_metres_long_or_a_whole_bar(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_cable_n_metres_long_on_a_sensor_is_no_piece() -> None:
    assert find_unit_weight("Sensor M12, cable 2 m long\nCable weight: 40 g/m\n").grams is None


def test_a_cable_n_metres_long_beside_an_unrelated_cut_word_is_no_piece() -> None:
    text = "Sensor M12, cable 2 m long\nCut-off frequency 1 kHz\nCable weight: 40 g/m\n"
    assert find_unit_weight(text).grams is None
