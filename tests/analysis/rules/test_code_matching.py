"""Order codes matched as their writers vary them, and the row a code names preferred to a
sibling scored a little higher by words in other cells (issue 14). Fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.mentions import find_mentions
from cost_model_service.analysis.rules.ordered import order_lines
from cost_model_service.analysis.rules.variants import row_tokens, title_tokens


def test_case_separators_and_leading_zeros_do_not_hide_a_code() -> None:
    assert "rb40" in title_tokens("Rundbürste rb.040\n")
    assert title_tokens("Order: RB-040\n") & title_tokens("rb 40x\nordered rb/40\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # JSON key paths: the ordered code in another spelling than the variants'.
        (
            "product: Spazzola\nordine.codice: sp.250\nvarianti[0].codice: SP-0200\n"
            "varianti[0].peso_g: 310\nvarianti[1].codice: SP-0250\nvarianti[1].peso_g: 380\n",
            380,
        ),
        # Markdown bold title naming a code; a sibling row's "per ..." would score it higher.
        (
            "**Trolley TR-3**\n| Model | Shelves | Weight |\n|---|---|---|\n"
            "| TR-2 | 2 per side | 18 kg |\n| TR-3 | 3 | 23 kg |\n",
            23000,
        ),
        # Plain decimals stay decimals: 3.7 is not 37.
        (
            "Variador 3.7 kW\n| Código | kW | Peso |\n| VF-37 | 37 | 21 kg |\n"
            "| VF-3K7 | 3.7 | 2,6 kg |\n",
            2600,
        ),
    ],
)
def test_the_named_row_wins(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_gross_row_is_not_preferred_over_a_net_statement_by_its_code() -> None:
    # The code names the row, but a gross weight is another kind of statement.
    text = "Pump P-5\nNet weight: 4.0 kg\n| Code | Gross weight |\n| P-5 | 5.1 kg |\n"
    assert find_unit_weight(text).grams == 4000


def test_row_tokens_are_normalised_like_the_title() -> None:
    text = "| Typ | Gewicht |\n| ZS-M2-0500 | 1,6 kg |\n"
    start = text.index("1,6")
    mention = next(m for m in find_mentions(text, True) if m.start == start)
    assert "zsm2500" in row_tokens(text, mention)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # JSON objects keyed by their codes (flattened key paths), the code in the title.
        (
            "title: Motorreductor MR-0150\nvariants.MR-0100.peso_kg: 7,1\n"
            "variants.MR-0150.peso_kg: 8,3\nvariants.MR-0200.peso_kg: 9,6\n",
            8300,
        ),
        # The same keyed by code under a model key, in German.
        (
            "produkt: Getriebemotor\nbestellt: gm/20\nmodelle.GM-10.gewicht_kg: 3,2\n"
            "modelle.GM-20.gewicht_kg: 4,4\n",
            4400,
        ),
    ],
)
def test_a_json_object_keyed_by_the_code_is_chosen(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_markdown_sub_heading_names_no_order() -> None:
    lines = ["# Trolley TR-3", "## Variant TR-2 in detail", "# PO 77: TR-3"]
    assert order_lines(lines) == ["# Trolley TR-3", "# PO 77: TR-3"]
