"""A weight per m² is an area's, not a piece's: a pack weight divided by its count beats it;
a count of pieces in a JSON key path ("gewicht_je_1000_stueck_kg") divides (issue 14,
corpora F-H), on fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # German table: per m² and per carton of 4 plates.
        (
            "Terrassenplatte 40 x 40\nKarton | 4 Platten\nGewicht Karton | 36 kg\n"
            "Gewicht je m² | 56 kg\n",
            9000,
        ),
        # English prose lines, a weight per square metre after the number.
        ("Rubber tile 50 x 50 cm\nPack of 6 tiles weighs 12 kg.\nWeight: 8 kg/m²\n", 2000),
        # French key path.
        ("dalle: DM-60\ncolis.nombre_dalles: 5\ncolis.poids_kg: 40\npoids_au_m2_kg: 22\n", 8000),
    ],
)
def test_a_weight_per_area_ranks_below_a_divided_pack_weight(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("artikel: SR-8\nlogistik.gewicht_je_100_stueck_g: 250\n", 2.5),
        ("item: W-8\npacking.weight_per_1000_pcs_kg: 1.2\n", 1.2),
        ("articolo: R-6\npeso_per_100_pezzi_g: 80\n", 0.8),
    ],
)
def test_a_count_in_a_key_path_divides_the_weight(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Vinyl flooring 2 mm\nSales unit: m²\nWeight per m²: 3.2 kg\nRoll of 25 m² weighs 80 kg\n",
        "Revêtement caoutchouc\nPrix au m²\nPoids au m² | 3,2 kg\n",
        "Bodenbelag PVC\nVerkaufseinheit: m2\nGewicht je m2: 3,2 kg\n",
    ],
)
def test_a_weight_per_area_is_the_units_when_sold_per_area(text: str) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(3200)
    assert result.confidence >= 0.5
