"""A sheet, plate or panel sold by the piece of stated size whose weight is given per m²:
kg/m² x area, derived (issue 14, round F/G/H); on fresh texts written for this test. A
grammage on a sheet that states no such size stays no weight."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # de txt, "Flächengewicht" is the area mass here.
        ("Aluminiumblech 1,5 mm\nVerkaufseinheit: Tafel 1000 x 2000 mm\n"
         "Flächengewicht: 4,05 kg/m²\n", 8100),
        # en table.
        ("Steel plate 3 mm\nSales unit | 1 sheet 1250 x 2500 mm\nWeight | 23.6 kg/m2\n", 73750),
        # es key/value, prose line naming the sheet sold.
        ("Chapa galvanizada 1 mm\nFormato vendido: 1000 \u00d7 2000 mm\nPeso por m²: 7,85 kg\n"
         "Peso superficial: 7,85 kg/m²\n", 15700),
        # it json path.
        ('{"articolo": "Pannello PVC 5 mm", "unita di vendita": "lastra 1220 x 2440 mm",\n'
         '"peso": "3,1 kg/m²"}', 9229.5),
    ],
)  # fmt: skip
def test_an_area_weight_times_the_size_sold(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected, rel=0.001)
    assert result.confidence < 0.8


@pytest.mark.parametrize(
    "text",
    [
        "Toile polyester enduite\nGrammage: 650 g/m²\nLargeur: 2,5 m\n",
        "Schleifpapier Rolle 115 mm\nFlächengewicht | 230 g/m²\n",
        "Filtervlies G4\nBasis weight: 150 g/m2\nRoll 2 x 20 m\n",
    ],
)
def test_a_grammage_without_a_size_sold_is_no_weight(text: str) -> None:
    assert find_unit_weight(text).grams is None


def test_a_stated_sheet_weight_beats_the_area_weight() -> None:
    text = (
        "Lamiera 2 mm\nUnità di vendita: lastra 1000 x 2000 mm\nPeso al m²: 15,7 kg/m²\n"
        "Peso lastra: 31,2 kg\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(31200)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tôle inox 304L 2 mm — 1000 x 2000 mm\nMasse surfacique : 15,9 kg/m²\n", 31800),
        ("Filzplatte 500 x 500 mm\nFlächengewicht: 2400 g/m²\n", 600),
        ("Pannello policarbonato 1050 x 2000 mm\nPeso al m²: 1,5 kg\n", 3150),
    ],
)
def test_the_size_of_a_sheet_in_its_title(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_cross_section_in_the_title_is_no_sheet() -> None:
    assert find_unit_weight("Tape 50 x 40 mm\nGrammage: 200 g/m²\n").grams is None
