"""Weights stated for N units of measure (issue 14, round V/U): "per 1,000 pcs" with an
English thousands comma right after the weight; ERP unit codes as the counted unit ("je 100
ME", "per 100 ST", "por 100 UM"); pack counts are bounded, so a box's EAN is no count; an
export's "UM | M" column sells by the metre and "PESO_KG_POR_UM" weighs one unit. Fresh
texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.packs import statements


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        (
            "Quote Q-88\nRivet nut M5, steel, 5,000 pc\n"
            "Weight: 2.9 kg per 1,000 pcs. Bags of 250.\n",
            2.9,
        ),
        (
            "Offer 17\nWasher M6 | 10,000 | pc\nMass 1.1 kg per 1,000 pieces, packed in boxes.\n",
            1.1,
        ),
        ("Blind rivet 4 x 10\nWeight 0.75 kg per 10,000 pcs; cartons of 5,000.\n", 0.075),
    ],
)
def test_a_weight_per_thousands_comma_count_is_divided(text: str, grams: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(grams)
    assert result.confidence < 0.8


def test_a_count_later_in_the_line_is_no_weight_basis() -> None:
    text = "Rivet nut M5\nWeight: 2.9 kg. Packed 1,000 pcs per carton.\n"
    assert find_unit_weight(text).grams != pytest.approx(2.9)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        (
            "Artikelnr | Kurztext | ME | Gewicht je 100 ME | Gewichtseinheit\n"
            "SM-10 | Scheibe DIN 125 M10 | ST | 0,43 | kg\n",
            4.3,
        ),
        ("Art. 4711 Sechskantschraube M12 x 50\nGewicht: 6,12 kg pro 100 ST\n", 61.2),
        ("REF | DESCRIPCION | UM | PESO POR 100 UM\nT-8 | Tuerca M8 | UD | 0,52 kg\n", 5.2),
        ("Collier de serrage 4,8 x 200\nPoids : 1,9 kg pour 1000 UM\n", 1.9),
    ],
)
def test_a_weight_per_n_unit_codes_is_divided(text: str, grams: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(grams)


def test_a_pack_code_is_no_piece_count() -> None:
    # "VE" (Verpackungseinheit) is a pack, not a piece: no division by 100 pieces.
    text = "Kabelbinder 4,8 x 200\nGewicht je 100 VE: 3,2 kg\n"
    assert find_unit_weight(text).grams != pytest.approx(32)


@pytest.mark.parametrize(
    "line",
    ["EAN (box) ................. 4031234567891", "Karton GTIN | 04012345678901"],
)
def test_a_code_is_no_pack_count(line: str) -> None:
    assert list(statements(line, decimal_comma=False, by_length=False)) == []


def test_a_per_1000_weight_with_an_uncounted_box_stays_plausible() -> None:
    text = (
        "CAP SCREW ISO 4762 M6 x 20\nSales unit : box\nWeight per 1000 pcs ....... 7.4 kg\n"
        "EAN (box) ................. 4031234567808\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(7.4)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        (
            "REF | DESCRIPCION | UM | PESO_KG_POR_UM | LONG_ROLLO_M | PESO_ROLLO_KG\n"
            "MJ-19 | Manguera jardín 19 mm | M | 0,265 | 25 | 6,6\n",
            265,
        ),
        (
            "Artikel | Bezeichnung | ME | Gewicht kg je ME | Ringlänge m | Ringgewicht kg\n"
            "PE-32 | PE-Rohr 32 x 2,9 | m | 0,27 | 100 | 27\n",
            270,
        ),
        (
            "SKU | Description | UoM | Weight kg per UoM | Reel length m | Reel weight kg\n"
            "AH-40 | Air hose 40 mm | MTR | 0.41 | 30 | 12.3\n",
            410,
        ),
        (
            "Codice | Descrizione | UM | Peso kg per UM | Rotolo m | Peso rotolo kg\n"
            "TG-12 | Tubo gomma 12 mm | M | 0,18 | 50 | 9\n",
            180,
        ),
    ],
)
def test_an_export_sold_per_metre_weighs_one_metre(text: str, grams: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(grams)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("articulo: Manguera PVC DN32\num: M\npeso kg por um: 0,178\npeso bobina kg: 8,9\n", 178),
        ("artikel.name: PU-Schlauch 8x6\nartikel.me: lfm\nartikel.gewicht kg je me: 0,026\n", 26),
    ],
)
def test_an_export_record_sold_per_metre_weighs_one_metre(text: str, grams: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(grams)


def test_an_export_sold_per_piece_weighs_one_piece() -> None:
    text = "REF | DESCRIPCION | UM | PESO_KG_POR_UM\nAB-6 | Abrazadera 60 mm | UD | 0,045\n"
    assert find_unit_weight(text).grams == pytest.approx(45)
