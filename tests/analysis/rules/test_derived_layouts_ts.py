"""Derived weights in layouts the rules missed in corpora T and S (issue 14, round T/S),
on fresh texts written for this test: a weight split over four cells of one row ("2 | kg
| 150 | g"), an erratum note that "should read" another weight than the table prints, a
kit "sold as one kit" with only its components' weights, and a piece whose "supplied
length" times its weight per metre is the article's weight. Each has a near miss that
must not trigger."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stehlager SN-5\nMerkmal | Wert | Einheit | Wert | Einheit\n"
         "Bohrung | 40 | mm | |\nGewicht | 2 | kg | 150 | g\n", 2150),
        ("Pillow block PB-7\nItem | Value | Unit | Value | Unit\n"
         "Net weight | 1 | kg | 80 | g\nBore | 25 | mm | |\n", 1080),
        ("Palier PA-3\nCaractéristique | Valeur | Unité | Valeur | Unité\n"
         "Poids net | 4 | kg | 720 | g\n", 4720),
        # Near miss: the second cell states the same weight again, not a remainder.
        ("Supporto SU-1\nVoce | Valore | Unità | Valore | Unità\n"
         "Peso | 1,2 | kg | 1200 | g\n", 1200),
    ],
)  # fmt: skip
def test_weight_split_over_four_cells(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Worm gearbox WG-50\nRatio | 30:1\nWeight | 6.2 kg *\n\n* Erratum: the weight "
         "given above is a misprint and should read 5.4 kg.\n", 5400),
        ("Schneckengetriebe SG-40\nUntersetzung | 20:1\nGewicht | 4,8 kg ¹\n"
         "¹ Berichtigung: das angegebene Gewicht ist ein Druckfehler, richtig ist 4,1 kg.\n",
         4100),
        ("Riduttore RV-63\nRapporto | 15:1\nPeso | 7,3 kg *\n* Errata corrige: il peso "
         "stampato è un refuso, leggasi 6,9 kg.\n", 6900),
        ("Reductor RS-30\nPeso | 3,6 kg *\n* Fe de erratas: el peso impreso es un error "
         "tipográfico; léase 3,2 kg.\n", 3200),
        # Near miss: a note without an erratum word names another weight.
        ("Worm gearbox WG-60\nWeight | 8.1 kg *\n\n* Weight with motor flange should read "
         "as 9.0 kg.\n", 8100),
    ],
)  # fmt: skip
def test_erratum_note_replaces_the_printed_weight(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Filter retrofit kit FK-3 (sold as one kit)\nContents:\nFilter housing | 1.40 kg\n"
         "Cartridge | 0.35 kg\nClamp ring | 0.05 kg\n", 1800),
        ("Nachrüstsatz NS-2, verkauft als ein Satz\nGehäuse | 0,90 kg\nDeckel | 0,25 kg\n",
         1150),
        ("Kit de fixation KF-8, vendu comme un seul kit\nPlatine | 0,60 kg\n"
         "Équerre | 0,20 kg\n", 800),
        # Near miss: no word says the kit is sold as one unit: no sum (component rows only).
        ("Filter retrofit parts FK-4\nFilter housing | 1.40 kg\nCartridge | 0.35 kg\n", None),
    ],
)  # fmt: skip
def test_kit_sold_as_one_kit(text: str, expected: float | None) -> None:
    grams = find_unit_weight(text).grams
    assert grams == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Steel tube 22 x 1.5 mm\nPrice: £9.80 each\nSupplied length: 2 m\n"
         "Weight: 0.76 kg/m\n", 1520),
        ("Tube cuivre 12 x 1 mm\nLongueur fournie : 5 m\nPoids : 0,31 kg/m\n", 1550),
        # Near miss: sold by the metre, the supplied length is a stock length.
        ("Steel tube 22 x 1.5 mm, sold by the metre\nSupplied length: 6 m\n"
         "Weight: 0.76 kg/m\n", 760),
    ],
)  # fmt: skip
def test_supplied_length_is_the_piece(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sku: CP-80\ndescription: Roof panel PIR 80 mm, 3000 x 1000 mm\nuom: PANEL\n"
         "areal_weight_kg_m2: 12.0\n", 36000),
        ("artikel: BL-3\nbezeichnung: Lochblech 2 mm, 1250 x 2500 mm\nme: TAFEL\n"
         "flaechengewicht kg qm: 8,0\n", 25000),
        ("codigo | descripcion | formato_mm | unidad_venta | peso_kg_m2\n"
         "CH-2 | Chapa lagrimada 3 mm | 1000x2000 | CHAPA | 25,6\n", 51200),
        ("ref | designation | format_mm | unite_vente | masse_surfacique_kg_m2\n"
         "PL-5 | Plaque alu 2 mm | 1500x3000 | PLAQUE | 5,4\n", 24300),
        # Near miss: sold by the square metre, no sheet is the unit: no weight to multiply.
        ("ref | designation | format_mm | unite_vente | masse_surfacique_kg_m2\n"
         "PL-6 | Plaque alu 2 mm | 1500x3000 | M2 | 5,4\n", None),
    ],
)  # fmt: skip
def test_areal_mass_times_the_sold_panel(text: str, expected: float | None) -> None:
    grams = find_unit_weight(text).grams
    assert grams == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ordered: clamp collar CC-25\nType | Bore | OD | Weight\n"
         "CC-15 | 15 | mm | 32 | mm | 30 g\nCC-25 | 25 | mm | 45 | mm | 72 g\n", 72),
        ("Bestellt: Stellring SR-12\nTyp | Bohrung | Außen-Ø | Gewicht\n"
         "SR-10 | 10 | mm | 20 | mm | 18 g\nSR-12 | 12 | mm | 22 | mm | 21 g\n", 21),
        ("Commandé : bague BA-40\nType | Alésage | Ø ext. | Poids\n"
         "BA-30 | 30 | mm | 50 | mm | 95 g\nBA-40 | 40 | mm | 65 | mm | 160 g\n", 160),
        # Near miss: a header two columns short with no unit cells is no header.
        ("Ordered: clamp collar CC-25\nType | Weight\n"
         "CC-15 | 15 | 32 | 30 g | A\nCC-25 | 25 | 45 | 72 g | B\n", None),
    ],
)  # fmt: skip
def test_unit_cells_do_not_widen_the_row(text: str, expected: float | None) -> None:
    grams = find_unit_weight(text).grams
    assert grams == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Dadi esagonali ISO 4032 inox A2\n\nArticolo ordinato: M6, confezione da 200 "
         "pezzi\n\n| Misura | Peso per 1000 pz (g) |\n|---|---|\n| M5 | 1100 |\n"
         "| M6 | 2500 |\n", 500),
        ("Écrous hexagonaux ISO 4032 A2\nArticle commandé : M8, boîte de 50 pièces\n"
         "Taille | Poids pour 100 pièces (g)\nM6 | 250\nM8 | 520\n", 260),
        # Near miss: "minimum order" names no ordered box: one piece's share stays.
        ("Hex nuts ISO 4032 A2, M8\nMinimum order quantity: box of 50 pcs\n"
         "Size | Weight per 100 pcs (g)\nM8 | 520\n", 5.2),
    ],
)  # fmt: skip
def test_order_line_names_the_box_sold(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)
