"""Unit weights stated in forms the rules missed (issue 14, round V/U), on fresh texts: a
number with both separators that decides the decimal sign ("18.400,00 EUR" makes "1.250
kg" 1250 kg), a charged weight ("Peso total cargado") that is no load, a cable's weight
OCR glued ("cableweight") on another article's sheet, a header "Gewicht kg je ME", and a
table cell whose unit a PDF wrapped onto the next row line."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Schmiedeteil Welle W-9\nGesamtlänge | 1.800mm\nStückpreis | 12.300,00EUR\n"
         "Stückgewicht | 1.150 kg\n", 1_150_000),
        ("Pièce moulée PM-4\nPrix | 2.450,50EUR\nMasse | 2.300 kg\n", 2_300_000),
        ("Cast base CB-2\nPrice | 2,450.50 USD\nWeight | 2,300 kg\n", 2_300_000),
    ],
)  # fmt: skip
def test_a_number_with_both_separators_decides_the_decimal_sign(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_ambiguous_numbers_alone_stay_as_before() -> None:
    # Near miss: no number with both separators and no prose: "1.250" stays 1.25.
    assert find_unit_weight("Welle W-2\nLength | 2.480mm\nWeight | 1.250 kg\n").grams == (
        pytest.approx(1250)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Extintor de CO2 5 kg\nAgente | 5 kg de CO2\nPeso total cargado | 14,8 kg\n", 14800),
        ("Estintore a polvere 9 kg\nCarica | 9 kg\nPeso totale caricato | 13,9 kg\n", 13900),
    ],
)  # fmt: skip
def test_a_charged_weight_is_no_load(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_load_is_still_no_weight() -> None:
    # Near miss: "Carga máxima" is a load.
    text = "Carretilla CR-2\nCarga máxima | 250 kg\nPeso | 18 kg\n"
    assert find_unit_weight(text).grams == pytest.approx(18000)


@pytest.mark.parametrize(
    "text",
    [
        "M12 connector, 5-pin\nHousing | PA66\nSuitable cableweight | 62 kg/km\n"
        "Weight | n/a-see drawing\n",
        "Conector M12 hembra\nCuerpo | PA66\nPesodelcable | 55 kg/km\nPeso | ver plano\n",
    ],
)
def test_a_glued_cable_weight_on_a_connector_sheet_is_none(text: str) -> None:
    assert find_unit_weight(text).grams is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Artikelnummer | Bezeichnung | ME | Gewicht_kg_je_ME\nKK-1 | Kabelkanal 40x40 | STK | "
         "0,86\n", 860),
        ("code | description | weight_kg_per_pc\nBR-4 | Bracket 40 | 0.42\n", 420),
        ("codigo | descripcion | peso_kg_por_unidad\nSP-9 | Soporte 90 | 1,35\n", 1350),
    ],
)  # fmt: skip
def test_a_header_weight_per_piece_column(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("QUOTATION Q-77\nPos | Article | Qty | Net weight | Unit price\nper\npiece\n"
         "1 | Eye bolt | 25 | 0.86 | EUR 4.10\nM16 WLL 1.2 | kg\nt\n"
         "Total net weight of position 1: 21.5 kg.\n", 860),
        ("ANGEBOT A-12\nPos | Artikel | Menge | Gewicht | Preis\nje\nStück\n"
         "1 | Schäkel | 10 | 3,15 | EUR 22,00\nWLL 8,5 t | kg\n"
         "Gesamtgewicht Position 1: 31,5 kg.\n", 3150),
    ],
)  # fmt: skip
def test_a_weight_cell_whose_unit_wrapped_to_the_next_line(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_price_cell_over_a_lone_unit_is_no_weight() -> None:
    # Near miss: the lone "kg" of the next line sits under no weight column's number.
    text = (
        "Offer O-3\nPos | Article | Qty | Price\n1 | Hook | 5 | 12.40\nWLL 2 t | kg\n"
        "Weight: 1.1 kg\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(1100)


def test_a_heading_between_two_key_value_rows_is_no_header_tail() -> None:
    # Near miss: a two-cell key/value row over a heading line heads no column.
    text = "Bohrmaschine BX-2\nProdukt | Bohrmaschine\nTechnische Daten\nGewicht | 1,2 kg\n"
    assert find_unit_weight(text).grams == pytest.approx(1200)
