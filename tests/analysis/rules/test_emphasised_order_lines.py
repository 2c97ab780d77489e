"""Markdown emphasis in the title block or an order line still names the ordered variant:
the rules blank the stars to keep offsets, and those gaps must not read as the gaps of an
aligned table that ends the title block (fresh texts)."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Gear motor GM-40\n\n**Your selection: GM-40-B** → ratio 20, **size B**\n\n"
         "| Size | Weight |\n|---|---|\n| GM-40-A | 3.1 kg |\n| GM-40-B | 3.6 kg |\n", 3600),
        ("# Vérin VX-32\n\n*Configuration commandée :* **VX-32-C**, course **50 mm**\n\n"
         "| Variante | Masse |\n|---|---|\n| VX-32-A | 0,41 kg |\n| VX-32-C | 0,47 kg |\n",
         470),
        ("# Ventil V-8\n\n**Bestellt: V-8-M**   (Messing)\n\n"
         "| Typ | Gewicht |\n|---|---|\n| V-8-E | 220 g |\n| V-8-M | 260 g |\n", 260),
    ],
)  # fmt: skip
def test_an_emphasised_order_line_picks_its_row(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_an_emphasised_stroke_is_the_ordered_one() -> None:
    text = (
        "# Cylinder CY-50\n\n**Configuration: CY-50-200**, **stroke 200 mm**\n\n"
        "* weight at 0 mm stroke: **1.00 kg**\n* per 10 mm of stroke: **0.02 kg**\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(1400)
