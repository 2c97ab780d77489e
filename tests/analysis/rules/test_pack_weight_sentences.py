"""A pack's weight is read as the pack's, divided by what it holds, when only the pack is
weighed: the "each" of another sentence does not make it one piece's, a count of one (the
unit ordered) is no pack size, a reel the weight leaves out ("senza bobina") is not the
container weighed, and OCR-glued labels ("Kartona25Stuck", "Pesoporlo0piezas") are spaced
out with their digits (issue 14, round X/W); fresh texts written for this test."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.glued import unglue
from cost_model_service.analysis.rules.packs import Contents, statements


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # de prose: the price is per piece, the carton of 200 weighed in the next sentence.
        (
            "Rahmendübel 8x100\nVerkaufseinheit: 1 Stück (Preis je Stück). Lieferung im "
            "Karton à 50 Stück, Kartongewicht 2,5 kg.\n",
            50,
        ),
        # en prose.
        (
            "Wall plug 6x30\nPrice per piece. Supplied in cartons of 100 pcs, carton weight "
            "0.4 kg.\n",
            4,
        ),
        # fr prose.
        (
            "Cheville nylon 10x60\nPrix par pièce. Livré en carton de 40 pièces, poids du "
            "carton 1,2 kg.\n",
            30,
        ),
    ],
)
def test_a_carton_weight_after_a_per_piece_price_is_divided(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


def test_each_in_the_weights_own_sentence_still_reads_one_piece() -> None:
    # Near miss: the unit weight stands in the carton's sentence, it is not divided.
    text = "Cheville nylon 10x60\nLivré en carton de 40 pièces, poids unitaire 30 g.\n"
    assert find_unit_weight(text).grams == pytest.approx(30)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Confezione da 10 pezzi. Prezzo per confezione, unità di vendita: 1 confezione.", 10),
        ("Pack of 25 pcs. Price per pack, sales unit: 1 pack.", 25),
        ("Paquete de 50 uds. Precio por paquete, unidad de venta: 1 paquete.", 50),
    ],
)
def test_a_count_of_one_is_the_unit_ordered_not_the_pack_size(text: str, count: float) -> None:
    assert Contents(statements(text, True, False), frozenset()).units("pack") == count


def test_two_different_pack_sizes_stay_ambiguous() -> None:
    text = "Pack of 10 pcs. Pack of 12 pcs."
    assert Contents(statements(text, False, False), frozenset()).units("pack") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # it: the roll weighed without its reel, sold per metre.
        (
            "Tubo in poliammide 6x4\nPeso rotolo da 100 m (senza bobina) | 2 kg\n"
            "Unità di vendita | metro\n",
            20,
        ),
        # de.
        (
            "PU-Schlauch 10x8\nVerkaufseinheit: Meter\nGewicht Rolle 25 m (ohne Spule): 1,5 kg\n",
            60,
        ),
        # en.
        ("PVC tube 12x9\nSold per metre.\nCoil 50 m weight, without reel: 3 kg\n", 60),
    ],
)
def test_a_roll_weighed_without_its_reel_is_divided_by_its_length(
    text: str, expected: float
) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


@pytest.mark.parametrize(
    ("glued", "spaced"),
    [
        ("Kartona40Stuck", "Kartona 40 Stuck"),
        ("Cartonà25pièces", "Carton à 25 pièces"),
        ("Pesoporlo0piezas", "Peso por 100 piezas"),
        ("Weightper1OOpcs", "Weight per 100 pcs"),
        ("Poidspourl000pièces", "Poids pour 1000 pièces"),
    ],
)
def test_ocr_glued_counts_and_misread_digits_are_spaced(glued: str, spaced: str) -> None:
    assert unglue(glued) == spaced


@pytest.mark.parametrize(
    "word", ["Rollo50m", "Kartonage", "Grossa", "Collo1o", "Pollo", "Unitàdivendita"]
)
def test_words_that_only_look_like_a_count_stay_as_they_are(word: str) -> None:
    expected = "Unità di vendita" if word == "Unitàdivendita" else word
    assert unglue(word) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # de scan: "Karton à 40 Stück" glued, umlauts lost.
        (
            "Verbindungsdose IP55\nVerkaufseinheit | 1 Stuck\nVerpackung | Kartona40Stuck\n"
            "Kartongewicht | 6 kg\n",
            150,
        ),
        # es scan: "100" read as "lo0".
        (
            "Tuerca hexagonal M10\nPesoporlo0piezas | 1,1 kg\nUnidad de venta | 1 pieza\n",
            11,
        ),
        # en scan: "100" read as "1OO".
        ("Hex nut M8\nWeightper1OOpcs | 0.5 kg\nSales unit | 1 piece\n", 5),
    ],
)
def test_an_ocr_glued_pack_label_is_divided(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("articolo: PR-3030\num_vendita: m\ndati.peso_kg_m: 0.85\n", 850),
        ("item: AP-45\nsales_unit: m\nweight_kg_per_m: 1.9\n", 1900),
        ("Artikel: AP-20\nVerkaufseinheit: m\ntechnik.gewicht_kg_m: 0,42\n", 420),
    ],
)
def test_a_key_paths_unit_may_be_per_metre(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)


def test_a_key_path_in_millimetres_is_no_weight_per_metre() -> None:
    # Near miss: "kg mm" is no mass per metre, and no mass at all.
    assert find_unit_weight("articolo: X-1\nspessore_kg_mm: 3\n").grams is None
