"""The ordered variant named where a sheet states the order (issue 14): a comment line above
a CSV header, a position line below the table, a quotation's position rows, an offer line,
an article-code line. Fresh texts written for this test, in five languages."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.ordered import order_lines

_ROWS = "| Code | Länge | Gewicht |\n| KS-0400 | 400 mm | 1,2 kg |\n| KS-0800 | 800 mm | 2,4 kg |\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A position line under the table, as an order confirmation ends (de).
        ("Kabelschiene KS\n" + _ROWS + "\nBestellposition\nPos. 1: 6 Stück KS-0800\n", 2400),
        # A comment line above a CSV header (en), code written in lower case without zeros.
        (
            "# PO 5521 - line 3 - ks-800\ncode | length mm | weight kg\n"
            "KS-0400 | 400 | 1.2\nKS-0800 | 800 | 2.4\n",
            2400,
        ),
        # A quotation's position table, its description wrapped over lines (fr).
        (
            "Devis 77-12 — Rail de câbles\nLigne | Référence | Désignation | Qté | Prix\n"
            "Rail de câbles\nacier galvanisé\n1 | KS-0800 | 800 mm | 4 | 12,00 €\n"
            "2 | CL-5 | Clip | 8 | 0,40 €\nCaractéristiques\n" + _ROWS,
            2400,
        ),
        # An offer line (it) in prose, naming the code with other separators.
        (
            "Canalina KS\nOfferta n. 33: posizione 2, articolo KS 0800 (acciaio)\n" + _ROWS,
            2400,
        ),
        # The article-code line of a key/value head (es), below a letterhead.
        (
            "Metalúrgica Sur S.L.\nCanaleta portacables\nLa serie completa\nCódigo: KS-0800\n"
            + _ROWS,
            2400,
        ),
    ],
)
def test_the_row_the_order_names_is_chosen(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence <= 0.75  # chosen among variants


def test_position_rows_are_read_only_under_a_position_header() -> None:
    lines = [
        "Pos. | Artikel | Menge",
        "1 | AB-12 | 2",
        "Beschreibung fortgesetzt",
        "2 | XY-3 | 1",
        "Typ | Gewicht",
        "1 | 3 kg",
    ]
    assert order_lines(lines) == ["1 | AB-12 | 2", "2 | XY-3 | 1"]


def test_json_array_elements_are_not_order_lines() -> None:
    lines = ["product: Valve", "variants[0].order_code: V-1", "order_no: V-2"]
    assert order_lines(lines) == ["order_no: V-2"]
