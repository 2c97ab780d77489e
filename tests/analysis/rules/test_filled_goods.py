"""Goods sold filled in their pack (issue 14): a cartridge, can or bucket whose contents are
a volume; the pack's net weight is the article's, a gross carton stays a carton. Fresh texts
written for this test, as JSON key paths, tables and key/value lines."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "artikel.name: Silikon transparent, Kartusche 310 ml\ngebinde.inhalt: 310 ml\n"
            "gebinde.nettogewicht: 300 g\ngebinde.karton.gewicht: 7,4 kg\n",
            300,
        ),
        ("Wood glue, 750 ml bottle\n| Contents | 750 ml |\n| Package net weight | 820 g |\n", 820),
        ("Peinture P-2, pot 2,5 l\nContenu : 2,5 l\nPoids net de l'emballage : 3,4 kg\n", 3400),
        ("Vernice V-5\nContenuto: 1 litro\nConfezione, peso netto: 1,2 kg\n", 1200),
    ],
)
def test_a_filled_packs_net_weight_is_the_articles(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_pack_of_pieces_without_its_count_still_gives_no_weight() -> None:
    # Contents are pieces, not a volume: the pack's weight says nothing about one screw.
    text = "Screw S-4 M5x20\nPackage: screws, see order\nPackage net weight: 1.1 kg\n"
    assert find_unit_weight(text).grams is None
