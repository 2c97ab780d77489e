"""ERP and master-data exports whose weight number and unit stand apart (issue 14, round
X/W): SAP field names (NTGEW net, BRGEW gross, GEWEI its unit), abbreviated export headers
(NETTOGEW, GEW_EINH, PESO_N beside UM_PESO), unit codes in a unit field (G, T, TO, KGM), a
capitalised header ending in its unit (WEIGHT_T, PESO_G), a header's per-length unit
(kg/km, kg/100 m) and a weight split in two unit keys ("mass.kg" and "mass.g"). Fresh
texts written for this test, in several languages and layouts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.label_units import column_unit_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # SAP fields as a CSV: the net weight, its unit in GEWEI.
        (
            "MATNR | MAKTX | MEINS | NTGEW | BRGEW | GEWEI\n"
            "4711 | Pump housing PH-2 | EA | 3.2 | 3.6 | KG\n",
            3200,
        ),
        # SAP fields as flattened JSON keys, Spanish short text.
        ("MATNR: 123\nMAKTX: Soporte de pared SP-4\nBRGEW: 1.45\nNTGEW: 1.3\nGEWEI: KG\n", 1300),
        # Italian export: PESO_N (netto) and PESO_L, the unit code G in UM_PESO.
        (
            "CODICE | DESCRIZIONE | UM | PESO_N | PESO_L | UM_PESO\n"
            "VX-9 | Valvola a sfera | PZ | 120 | 135 | G\n",
            120,
        ),
        # French export, UN/ECE code KGM.
        (
            "REF | LIBELLE | POIDS_B | POIDS_N | UNITE_POIDS\n"
            "C-12 | Collier de serrage | 0,5 | 0,45 | KGM\n",
            450,
        ),
        # German: an abbreviated unit field before an abbreviated net weight.
        ("MATNR | KURZTEXT | GEW_EINH | NETTOGEW\n55 | Kupplung K-30 | G | 850\n", 850),
        # English: SAP's tonne code TO.
        ("ITEM | DESCRIPTION | NET_WEIGHT | WEIGHT_UNIT\nB-1 | Ballast block | 2.5 | TO\n", 2.5e6),
    ],
)
def test_export_fields_give_the_weight_its_unit(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected, rel=1e-4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PART | DESCRIPTION | WEIGHT_T\nX-1 | Ballast plate | 0.8\n", 800_000),
        ("CODICE | DESCRIZIONE | PESO_G\nA-7 | Dado cieco M8 | 85\n", 85),
        ("ARTIKEL | GEWICHT_T | ME\nB-9 | 1,2 | ST\n", 1_200_000),
    ],
)
def test_a_capitalised_header_ends_in_its_unit(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected, rel=1e-4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Artikelnr | Bezeichnung | Außen-Ø mm | Kabelgewicht kg/km | Mengeneinheit\n"
            "4410 | H07RN-F 3G1,5 Gummischlauchleitung | 9,5 | 180 | m\n",
            180,
        ),
        ("Cable | Weight kg/km | Sales unit\nLiYY 4x0.5 | 95 | m\n", 95),
        ("Referencia | Peso kg/100 m | Unidad de venta\nRV-K 3G1,5 | 12 | m\n", 120),
    ],
)
def test_a_header_per_length_unit_gives_the_weight_per_metre(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected, rel=1e-4)


@pytest.mark.parametrize(
    ("header", "metre"),
    [
        ("Gewicht kg/m", "m"),
        ("Kabelgewicht kg/km", "km"),
        ("peso kg/100 m", "100 m"),
        ("weight_kg_per_m", "m"),
        ("Gewicht kg/Stk", None),  # per piece is no length: no unit read from the header
    ],
)
def test_a_header_keeps_its_per_length_unit(header: str, metre: str | None) -> None:
    unit = column_unit_of(header.replace("_", " "))
    assert (unit["metre"] if unit else None) == metre


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Artikel: HZ-40\nMasse.kg: 2\nMasse.g: 350\nME: ST\n", 2350),
        ("item: Vice V-3\nweight.lb: 3\nweight.oz: 4\n", 1474.175),
        ("articolo: Morsa M-2\npeso.kg: 1\npeso.g: 200\n", 1200),
        # Adjacent columns of one weight in two units.
        ("Artikel | Bezeichnung | Gewicht kg | Gewicht g\nHZ-4 | Zylinder | 2 | 350\n", 2350),
        ("item | weight_lb | weight_oz\nV-3 | 3 | 4\n", 1474.175),
    ],
)
def test_a_weight_split_in_unit_keys_is_summed(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected, rel=1e-4)
    assert result.confidence is not None and result.confidence < 0.8  # summed: derived


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A size column's capital G is no gram: not a unit field.
        ("Artikel | Größe | Gewicht\nH-1 | G | 4\n", None),
        # A capital T in a header without a weight word is no tonne.
        ("ITEM | SIZE_T | QTY\nA | 4 | 2\n", None),
        # A copper number per km is no cable weight.
        ("Typ | Cu-Zahl kg/km | Mengeneinheit\nNYM 3x1,5 | 43 | m\n", None),
        # One weight stated twice, in kg and in g: no remainder to add.
        ("peso.kg: 1,2\npeso.g: 1200\n", 1200),
        # Columns of two weights (variants A and B) are no parts of one.
        ("Typ | Gewicht A kg | Gewicht B g\nX | 2 | 350\n", 2000),
        # Unit keys of two parents are no split weight: only the weight's own key counts.
        ("articolo: Morsa M-2\npeso.kg: 1\nimballo.g: 200\n", 1000),
    ],
)
def test_near_misses_are_not_read_as_export_units(text: str, expected: float | None) -> None:
    grams = find_unit_weight(text).grams
    assert grams == (pytest.approx(expected, rel=1e-4) if expected else None)


def test_unit_keys_on_lines_apart_are_not_summed() -> None:
    """Two statements, not one weight's parts: no 3.4 kg."""
    text = "item: Vice V-3\nweight.kg: 3\nnote: cast\nweight.g: 400\n"
    assert find_unit_weight(text).grams != pytest.approx(3400, rel=1e-3)
