"""An order line's total weight divided by the ordered pieces (issue 14, round X/W), on
fresh texts written for this test: order confirmations stating only "Gesamtgewicht
Position 20" for 500 pieces, a "peso_tot_riga_kg" key for 12 pz, a line-total column;
not when the line is ordered by the metre or kilogram."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "AUFTRAGSBESTÄTIGUNG 5512\n\nPos.  Menge  ME   Artikel          EP EUR\n"
            "20    500    Stk  O-Ring 40x3 FKM    0,42\n"
            "      Gesamtgewicht Position 20: 1,5 kg\n",
            3,
        ),
        (
            "conferma: CO-1\nrighe[0].codice: MN-8\nrighe[0].qta: 12\nrighe[0].um: PZ\n"
            "righe[0].peso_tot_riga_kg: 30\n",
            2500,
        ),
        (
            "Order confirmation | OC-77 | Date | 2026-01-02\n"
            "Line | Item | Description | Qty | Unit | Price | Line total weight kg\n"
            "1 | HB-20 | Hinge bracket 20 | 25 | pcs | 3.10 | 7.5\n",
            300,
        ),
        (
            "Confirmación de pedido PC-9\nPos | Artículo | Cantidad | Ud. | Peso total línea kg\n"
            "10 | AB-4 | 8 | UD | 26\n",
            3250,
        ),
        (
            "Confirmation de commande 331\nligne[0].qté: 50\nligne[0].unité: pce\n"
            "ligne[0].poids_total_ligne_kg: 4\n",
            80,
        ),
    ],
)
def test_a_line_total_over_the_ordered_pieces(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Ordered by the metre: the line total weighs 50 m, not a piece.
        (
            "conferma: CO-2\nrighe[0].qta: 50\nrighe[0].um: M\nrighe[0].peso_tot_riga_kg: 40\n",
            40000,
        ),
        # A stated piece weight beats the derived one.
        (
            "Auftrag 88\nPos.  Menge  ME\n10    200    ST\nStückgewicht: 15 g\n"
            "Gesamtgewicht Position 10: 2,8 kg\n",
            15,
        ),
        # A total weight of the article, no order line: no division.
        ("Workbench WB-9\nQty: 4\nTotal weight: 41 kg\n", 41000),
    ],
)
def test_no_division_without_a_piece_order_line(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)
