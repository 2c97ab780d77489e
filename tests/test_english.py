"""The sentences the service writes read as English: a/an by sound, capitals, lists."""

import pytest

from cost_model_service.english import is_or_are, joined, sentence_case, with_article


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("assembled article", "an assembled article"),
        ("electronic article", "an electronic article"),
        ("machined article", "a machined article"),
        ("article of 10-100 g", "an article of 10-100 g"),
        ("annual period", "an annual period"),
        ("monthly period", "a monthly period"),
        ("unit", "a unit"),  # vowel letter, consonant sound
        ("universal joint", "a universal joint"),
        ("uninsulated wire", "an uninsulated wire"),
        ("European standard", "a European standard"),
        ("one-piece housing", "a one-piece housing"),
        ("hour meter", "an hour meter"),  # silent h
        ("hex bolt", "a hex bolt"),
        ("FKM seal", "an FKM seal"),  # abbreviations by their letters' names
        ("NBR gasket", "an NBR gasket"),
        ("PVC sleeve", "a PVC sleeve"),
        ("S-shaped hook", "an S-shaped hook"),
        ("U-bolt", "a U-bolt"),
        ("8 mm dowel", "an 8 mm dowel"),  # numbers by how they are read
        ("18 V drill", "an 18 V drill"),
        ("11 kW motor", "an 11 kW motor"),
        ("80 kg drum", "an 80 kg drum"),
        ("1 kg pack", "a 1 kg pack"),
        ("110 V supply", "a 110 V supply"),
    ],
)
def test_a_or_an_by_sound(phrase: str, expected: str) -> None:
    assert with_article(phrase) == expected


def test_sentence_case_keeps_the_rest_as_written() -> None:
    assert sentence_case("lithium-ion cells") == "Lithium-ion cells"
    assert sentence_case("PA6 glass-filled") == "PA6 glass-filled"
    assert sentence_case("") == ""


def test_lists_join_with_commas_and_and() -> None:
    assert joined([]) == ""
    assert joined(["cast iron"]) == "cast iron"
    assert joined(["cast iron", "glass"]) == "cast iron and glass"
    assert joined(["cast iron", "glass", "ceramics"]) == "cast iron, glass and ceramics"


@pytest.mark.parametrize(
    ("subject", "verb"),
    [
        ("Steel", "is"),
        ("Glass", "is"),
        ("Brass", "is"),
        ("Lithium-ion cells", "are"),
        ("Textiles", "are"),
        ("Plastics", "are"),
        ("Paper and board", "are"),
        ("Cast iron", "is"),
    ],
)
def test_the_verb_agrees_with_its_subject(subject: str, verb: str) -> None:
    assert is_or_are(subject) == verb
