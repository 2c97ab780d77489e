"""A count under its column header in the weight's table row ("unidades_paquete | 50") is
the pack's; a table header opening the text (a CSV) names columns, not the article (issue
14, corpus Z). Fresh texts."""

import pytest

from cost_model_service.analysis.documents import extract_text
from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.sheet import Sheet


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("ref\tdescription\tpcs_per_box\tbox_weight_kg\nW-8\tWasher M8 zinc\t500\t1.5\n", 3.0),
        ("Art.;Bezeichnung;Stück je Beutel;Beutelgewicht kg\nKS-6;Kabelschuh M6;100;0,42\n", 4.2),
        (
            "codice|descrizione|pezzi_confezione|peso_confezione_kg\nGR-16|Graffe 16 mm|1000|0,9\n",
            0.9,
        ),
    ],
)
def test_the_pack_weight_divides_by_the_count_in_its_row(text: str, grams: float) -> None:
    result = find_unit_weight(extract_text("sheet.csv", "text/csv", text.encode()))
    assert result.grams == pytest.approx(grams)
    assert result.confidence < 0.8


@pytest.mark.parametrize(
    "text",
    [
        "code | units_per_pack | pack_weight_kg\nA-1 | 10 | 2\n",
        "ref | carton_qty | poids_carton\nB-2 | 24 | 6 kg\n",
        "Artikel | Kartoninhalt | Gewicht\nC-3 | 12 | 4 kg\n",
    ],
)
def test_a_csv_header_names_no_container_article(text: str) -> None:
    assert Sheet.read(text).title_kinds == frozenset()


def test_a_title_naming_a_pack_still_does() -> None:
    assert "pack" in Sheet.read("Battery pack 36 V\nWeight: 2 kg").title_kinds
