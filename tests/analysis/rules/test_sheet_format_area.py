"""A flat piece sold whole whose size is only given by a labelled format line ("Format de
la tôle | 1250 x 2500 mm", "Format: 1000 x 2000 mm (one sheet)") and whose weight only
per m²: kg/m² x the format's area, derived (issue 14, round V/U). Fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # fr table: the sales unit names the sheet, the format line its size.
        ("Fiche - Tôle larmée alu\nÉpaisseur | 2 mm\nFormat de la tôle | 1000 x 2000 mm\n"
         "Masse surfacique | 5,4 kg/m²\nUnité de vente | 1 tôle\n", 10800),
        # en txt: price per sheet, "(one sheet)" after the size, a density beside.
        ("GALVANISED SHEET DX51D\nThickness:   1 mm\nEmboss size: 20 x 20 mm\n"
         "Format:      1250 x 2500 mm (one sheet)\n"
         "Density:     7.85 g/cm3\nAreal mass:  7.9 kg/m2\nPrice unit:  per sheet\n", 24687.5),
        # de key/value: "Tafelgröße", sold per Tafel.
        ("Edelstahlblech 1.4301\nStärke: 2 mm\nTafelgröße: 1500 x 3000 mm\n"
         "Flächengewicht: 16 kg/m²\nVerkaufseinheit: Tafel\n", 72000),
        # es: "Medidas de la chapa", sold per chapa.
        ("Chapa perforada\nEspesor: 1 mm\nMedidas de la chapa: 1000 x 2000 mm\nPeso: 6,2 kg/m²\n"
         "Unidad de venta: 1 chapa\n", 12400),
        # it: "Formato lastra", sold per lastra.
        ("Lamiera striata\nSpessore | 3 mm\nFormato lastra | 1250 x 2500 mm\n"
         "Peso al m² | 24 kg/m²\nUnità di vendita | lastra\n", 75000),
    ],
)  # fmt: skip
def test_an_area_weight_times_the_format_sold(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected, rel=0.001)
    assert result.confidence < 0.8


@pytest.mark.parametrize(
    "text",
    [
        # Sold per m²: the format is the stock size, not the article.
        "Tôle perforée\nÉpaisseur | 1 mm\nFormat de la tôle | 1000 x 2000 mm\n"
        "Masse surfacique | 5,4 kg/m²\nUnité de vente | m²\n",
        # No sheet named anywhere: a "Size" of some part.
        "Floor grating\nMesh: 30 x 30 mm\nSize: 1000 x 2000 mm\n"
        "Weight: 30 kg/m2\nSales unit: piece\n",
        # No sales unit at all.
        "Aluminium sheet\nThickness: 2 mm\nFormat: 1000 x 2000 mm\nAreal mass: 5.4 kg/m2\n",
    ],
)
def test_no_area_weight_without_one_sheet_sold(text: str) -> None:
    assert find_unit_weight(text).grams is None
