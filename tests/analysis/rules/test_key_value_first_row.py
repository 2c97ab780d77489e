"""A key/value table without a header row (PDF text layers, OCR): its first entry is no
column header, so its words and count do not label the weights below (issue 14, corpus Z),
on fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.tables import header_cell


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        # it: nested packs, the first row names the inner box
        (
            "Tasselli nylon 8 x 40\nConfezione | sacchetto da 100 pz\nSacchetti per cartone | 20\n"
            "Peso lordo cartone | 4,8 kg\n",
            2.4,
        ),
        # en: OCR-like rows
        (
            "Cable lugs M8\nPacking | bag of 250 pcs\nBags per case | 8\n"
            "Gross weight case | 6 kg\n",
            3.0,
        ),
        # de: markdown-free pipe rows
        (
            "Kabelschuhe M6\nVerpackung | Beutel mit 200 Stück\nBeutel pro Karton | 12\n"
            "Bruttogewicht Karton | 7,2 kg\n",
            3.0,
        ),
    ],
)
def test_the_outer_pack_divides_by_all_pieces_it_holds(text: str, grams: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(grams)
    assert result.confidence < 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Envase | caja de 50 uds\nPeso neto | 1,2 kg", ""),
        ("Colis | carton de 12\nPoids | 8 kg", ""),
        ("Property | Value\nWeight | 8 kg", "Value"),  # a real header row stays
        ("Größe | Gewicht je Karton 20 Stk\nM6 | 8 kg", "Gewicht je Karton 20 Stk"),
    ],
)
def test_a_first_entry_is_no_header(text: str, expected: str) -> None:
    assert header_cell(text, text.rindex("kg") - 2) == expected
