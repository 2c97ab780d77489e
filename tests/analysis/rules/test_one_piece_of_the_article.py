"""A weight said to be one piece's, in a set, lot or pair that is the article: "d'une
ampoule", "Einzelschuh", "je Zwinge" (a noun inside the title's compound), "peso singolo";
multiplied by the pieces the article holds (issue 14, corpora F-H), on fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # German: "je Klemme" counts the "Klemmen" inside "Federklemmen-Set".
        ("Federklemmen-Set 6-tlg.\nPreis gilt je Set.\nGewicht je Klemme | 40 g\n", 240),
        # Italian: a pack of 3 sold as the pack, "peso singolo".
        ("Spazzole in acciaio, confezione da 3\nPeso singolo: 90 g\n", 270),
        # French table: one of the lot's pieces.
        ("Lot de 4 serre-joints\nPoids d'un serre-joint | 0,5 kg\n", 2000),
        # English markdown: one glove of a pair.
        (
            "**Welding gloves, size 10**\n**Sales unit:** pair\n**Weight (single glove):** 210 g\n",
            420,
        ),
        # Spanish: the set counted "8 piezas" in its title.
        ("Juego de llaves Allen, 8 piezas\nPeso por llave: 20 g\n", 160),
    ],
)
def test_one_pieces_weight_is_multiplied_by_the_article_count(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


def test_a_weight_per_the_articles_own_container_is_not_multiplied() -> None:
    text = "Caja de 50 tacos nylon\nUnidad de venta: caja\nPeso por caja: 300 g\n"
    assert find_unit_weight(text).grams == pytest.approx(300)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English: a pair sold, "(one shoe)" weighed.
        ("Safety boot S3, size 44\nSold as a pair.\nWeight (one shoe): 600 g\n", 1200),
        # German compound set word, "N-teilig" in the title, a piece weight.
        ("Bitsatz 10-teilig, Torx\nStückgewicht: 12 g\n", 120),
        # Spanish box sold as the box: "peso unitario" is one piece's.
        ("Caja de 20 bombillas LED E14\nUnidad de venta: caja\nPeso unitario: 30 g\n", 600),
    ],
)
def test_a_pair_parts_set_or_unit_weight_is_one_piece(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


def test_ve_is_a_pack_of_the_pieces_it_counts() -> None:
    text = "Dübel 8 mm\nVE 100 Stück\nGewicht VE 0,4 kg\nPreis pro Stück\n"
    assert find_unit_weight(text).grams == pytest.approx(4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nastro isolante, confezione da 10 rotoli\nPeso rotolo | 25 g\n", 250),
        ("Pack of 6 rolls, kitchen towel\nRoll weight: 120 g\n", 720),
        ("Lot de 4 boîtes de conserve\nPoids boîte : 400 g\n", 1600),
    ],
)
def test_a_weight_of_the_inner_container_is_one_of_the_articles(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8
