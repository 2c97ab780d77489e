"""OCR glues the words of a label ("Pesonetocaja", "Boxof12.netweight"): they are spaced out
again so the pack rules read them (issue 14, corpora F-H), on fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.glued import unglue


@pytest.mark.parametrize(
    ("glued", "spaced"),
    [
        ("Pesonetocaja", "Peso neto caja"),
        ("Cartonof24.grossweight", "Carton of 24.gross weight"),
        ("Poids par50sachets", "Poids par 50 sachets"),
        ("Unitàdivendita", "Unità di vendita"),
    ],
)
def test_a_token_made_only_of_label_words_is_spaced(glued: str, spaced: str) -> None:
    assert unglue(glued) == spaced


@pytest.mark.parametrize(
    "word",
    ["Bruttogewicht", "Stückgewicht", "della", "Boxen", "Index", "Rigidità", "zincato"],
)
def test_ordinary_words_and_german_compounds_stay_whole(word: str) -> None:
    assert unglue(word) == word


def test_digits_glued_in_a_long_token_do_not_backtrack() -> None:
    assert unglue("7" * 39 + "q") == "7" * 39 + "q"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A table row from a scanned sheet (es): the box of 25 weighed gross.
        ("Grapa galvanizada 40 mm\nCaja | 25uds.\nPesobrutocaja | 2,5 kg\n", 100),
        # An English key/value pair glued by OCR: a box of 12, net.
        ("Relay socket 11-pin\nBoxof12.netweight | 0.6 kg\n", 50),
        # French: a weight for 50 pieces, the count glued to its per-word.
        ("Chevilles nylon 8 mm\nPoids par50chevilles | 0,2 kg\n", 4),
    ],
)
def test_a_glued_pack_label_is_divided_by_its_count(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8  # derived, not read


def test_a_model_code_is_not_read_as_a_per_count() -> None:
    text = "Impact driver\nWeight PRO100: 1.4 kg\n"
    assert find_unit_weight(text).grams == pytest.approx(1400)
