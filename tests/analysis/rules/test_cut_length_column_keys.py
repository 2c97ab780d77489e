"""Column keys built from words without connectors, as exports write them: a length word
and a cut word in either order ("lunghezza_taglio_mm", "Schnitt Länge") and a weight per
metre ending the key ("peso_kg_m", "weight_kg_per_m") (issue 14, round Z), fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # de CSV, semicolons read as cells by the extractor's pipes
        ("artikel | bezeichnung | gewicht_kg_m | laenge_zuschnitt_mm\n"
         "VK-20 | Vierkantstahl 20 mm | 3,14 | 500\n", 1570),
        # en markdown table
        ("| code | item | weight_kg_per_m | cut_length_mm |\n|---|---|---|---|\n"
         "| T-30 | Steel tube 30x2 | 1.38 | 750 |\n", 1035),
        # es, tab-separated turned into cells
        ("ref | descripcion | peso kg m | longitud corte mm\n"
         "P-50 | Pletina 50x5 | 1,96 | 1500\n", 2940),
        # fr, key order reversed: cut word first
        ("ref | article | poids kg m | coupe longueur mm\n"
         "C-8 | Rond 8 mm | 0,395 | 2000\n", 790),
    ],
)  # fmt: skip
def test_a_cut_length_key_times_a_per_metre_key(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


def test_a_per_metre_key_without_a_cut_length_stays_per_metre() -> None:
    text = "code | item | weight_kg_m\nR-10 | Round bar 10 mm | 0.617\n"
    assert find_unit_weight(text).grams == pytest.approx(617)
