"""One-record exports (issue 14, round X/W): a CSV or table of a single data row is the
article's master record, so a word of its name field that elsewhere marks another thing's
weight ("Gegengewicht", "counterweight", "contrappeso") names the article itself. In a
table of several rows the name still marks that row's part. Fresh texts written for this
test, in several languages."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Artikelnr | Bezeichnung | Werkstoff | Gewicht\n"
            "GG-800 | Gegengewicht für Hubarbeitsbühne, Typ GG-800 | EN-GJL-200 | 800 kg\n",
            800_000,
        ),
        (
            "part_no | description | material | weight_kg\n"
            "CW-22 | Counterweight casting for tower crane | grey cast iron | 2200\n",
            2_200_000,
        ),
        (
            "| Codice | Descrizione | Peso |\n|---|---|---|\n"
            "| CP-5 | Contrappeso in ghisa per cancello | 45 kg |\n",
            45_000,
        ),
    ],
)
def test_the_name_of_a_one_record_export_names_the_article(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected, rel=1e-4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Several rows: the counterweight row is a part, the frame's weight stays.
        (
            "Pos | Bezeichnung | Gewicht\n1 | Grundrahmen | 1.200 kg\n2 | Gegengewicht | 800 kg\n",
            1_200_000,
        ),
        (
            "| Pos. | Descrizione | Peso |\n|---|---|---|\n"
            "| 1 | Contrappeso in ghisa | 45 kg |\n| 2 | Telaio cancello | 180 kg |\n",
            180_000,
        ),
        (
            "Pos | Désignation | Poids\n1 | Contrepoids | 400 kg\n2 | Bâti de levage | 950 kg\n",
            950_000,
        ),
        # A load column stays a load in a one-record export.
        ("Artikel | Bezeichnung | Tragkraft | Gewicht\nK-1 | Kettenzug | 500 kg | 12 kg\n", 12_000),
        # Only the name field: a counterweight column is still another thing's weight.
        ("item | description | counterweight | weight\nL-4 | Lift door | 30 kg | 55 kg\n", 55_000),
    ],
)
def test_other_fields_and_other_rows_keep_their_meaning(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected, rel=1e-4)
