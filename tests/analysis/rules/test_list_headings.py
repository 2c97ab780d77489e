"""Weights listed under a heading that names them (issue 14): "Weight by size:" over items
"Size 42 ..... 640 g" labels every item, and the ordered item is chosen as a table row
would be. Fresh texts written for this test, in several languages and layouts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English, dotted leaders, the ordered length on an order line.
        (
            "Cable tray CT-60\nOrdered: CT-60-3000\n\nWeight by length:\n"
            "  CT-60-2000 ..... 2.9 kg\n  CT-60-3000 ..... 4.3 kg\n",
            4300,
        ),
        # French list items with colons, the code in the title.
        (
            "Gants de travail GT-09\n\nPoids selon la taille :\n- GT-08 : 180 g\n"
            "- GT-09 : 195 g\n- GT-10 : 210 g\n",
            195,
        ),
        # Spanish, markdown bullets, the code in a comment line.
        (
            "# Pedido 12 - CR-250\nCarretilla\n\n**Pesos por modelo:**\n"
            "* CR-200 — 14,5 kg\n* CR-250 — 16,0 kg\n",
            16000,
        ),
    ],
)
def test_a_weight_heading_labels_its_list(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_heading_of_another_quantity_labels_nothing() -> None:
    text = "Scaffale SC-3\n\nPortata per ripiano:\n SC-2 ... 80 kg\n SC-3 ... 120 kg\n"
    assert find_unit_weight(text).grams is None


def test_a_blank_line_ends_the_list() -> None:
    text = "Hebel HB-1\nGewicht:\n\nHB-1 ... 2 kg\n"
    assert find_unit_weight(text).grams is None
