"""The ordered variant in a variants table (issue 14), on fresh texts written for this test:
named on a title line below a letterhead, by a numeric part of its order code, in a table
whose rows hold fractions of an inch, or under a header that lost a column gap."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.variants import title_tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Thread sizes as fractions ("G 3/4") are not "per 4 pieces".
        (
            "Check valve CV, size 3/4\nOrdered: CV-34\n| Code | Thread | Weight |\n"
            "| CV-12 | G 1/2 | 0.21 kg |\n| CV-34 | G 3/4 | 0.33 kg |\n| CV-1 | G 1 | 0.52 kg |\n",
            330,
        ),
        # A letterhead first; the article and its code on the next title lines.
        (
            "HOFMANN PUMPEN AG\nKreiselpumpe KP-2, Ausführung KP-2-150\n\n"
            "Typ | Förderhöhe | Gewicht\nKP-2-100 | 18 m | 11,2 kg\nKP-2-150 | 24 m | 12,9 kg\n"
            "KP-2-200 | 31 m | 14,6 kg\n",
            12900,
        ),
        # The order code's numeric part (060) names the row (ratio 60), zeros and all.
        (
            "Riduttore RV\nCodice: RV50-060-F1\n\nRapporto | Coppia | Peso\n"
            "i = 30 | 80 Nm | 5,1 kg\ni = 60 | 95 Nm | 5,4 kg\n",
            5400,
        ),
    ],
)
def test_the_ordered_row_is_found(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence <= 0.75  # chosen among variants


def test_a_header_one_cell_short_still_heads_the_last_column() -> None:
    # A PDF text layer lost the gap between two header cells: the weight column is last.
    text = (
        "Tank T-80, order code T-80-10\nModel | Volume  Pressure | Diameter | Empty weight\n"
        "T-40-10 | 40 l | 10 bar | 300 mm | 16,5 kg\nT-80-10 | 80 l | 10 bar | 400 mm | 27,0 kg\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(27000)


def test_title_tokens_stop_at_the_first_table() -> None:
    text = "Clamp C-9\nBrand X\n| Code | C-4 | C-9 |\n| Weight | 40 g | 90 g |\n"
    assert title_tokens(text) == {"c9", "9"}  # codes compared without separators


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Row keys named in words: "Edelstahl" is not "Stahl".
        (
            "Schraubstock SV-100, Ausführung Edelstahl\n\n| Ausführung | Gewicht |\n|---|---|\n"
            "| Stahl | 4,2 kg |\n| Edelstahl | 4,4 kg |\n",
            4400,
        ),
        # A size letter, as written in the title and the order code.
        (
            "Gilet alta visibilità, taglia XL\nCodice: GAV-XL\n| Taglia | Peso |\n"
            "| L | 180 g |\n| XL | 195 g |\n| XXL | 210 g |\n",
            195,
        ),
        # The ordered row marked in the table itself.
        (
            "Gate valve GV\n| Size | Weight | |\n| DN 50 | 9.5 kg | |\n"
            "| DN 65 | 12.0 kg | ordered |\n| DN 80 | 15.5 kg | |\n",
            12000,
        ),
        # A column key named by the title.
        (
            "Chariot CH-2 — version roues gonflables\n| | roues pleines | roues gonflables |\n"
            "| Poids | 14 kg | 15,5 kg |\n",
            15500,
        ),
    ],
)
def test_the_ordered_row_or_column_named_in_words(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence <= 0.75


def test_keys_named_more_than_once_decide_nothing() -> None:
    # Both keys appear in the title: no row is picked by name (the first stays, doubtful).
    text = (
        "Cable ties, black and natural\n| Colour | Weight |\n| black | 2 g |\n| natural | 3 g |\n"
    )
    assert find_unit_weight(text).confidence < 0.8
