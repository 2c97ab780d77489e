"""The line above a table is its heading only when it is one: the tail of a wrapped
sentence ("... (brackets ordered" / "separately).") does not make the table an
accessory's (fresh texts)."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


def test_a_wrapped_sentence_tail_is_no_heading() -> None:
    text = (
        "Shelf system SH-9 datasheet\nOrder: 1 x shelf SH-9-P, 800 mm wide (brackets ordered\n"
        "separately).\nPart | Code | Weight\nShelf panel | SH-9-P | 2.4 kg\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(2400)


@pytest.mark.parametrize(
    "heading", ["Accessories (sold separately)", "Zubehör, separat erhältlich", "Accessoires"]
)
def test_a_real_heading_still_marks_accessories(heading: str) -> None:
    text = f"Pump P-20\nWeight: see drawing\n{heading}\nPart | Weight\nBracket | 0.3 kg\n"
    assert find_unit_weight(text).grams is None
