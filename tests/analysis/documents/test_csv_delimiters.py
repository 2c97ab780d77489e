"""The delimiter of a CSV whose cells hold the sniffed one too (issue 14): pipes between
cells, commas inside descriptions. Fresh files written for this test."""

from cost_model_service.analysis.documents.text import csv_to_text


def test_pipes_between_cells_beat_a_comma_inside_each_description() -> None:
    text = (
        "# Bestellung 88 - Pos. 2, Artikel HS-9\n"
        "code|bezeichnung|gewicht_g\n"
        "HS-8|Handschuh, Leder|150\n"
        "HS-9|Handschuh, Leder|170\n"
    )
    assert "HS-9 | Handschuh, Leder | 170" in csv_to_text(text)


def test_a_semicolon_file_with_decimal_commas_stays_semicolon() -> None:
    text = "ref;desc;peso_kg\nA-1;tornillo, M6;0,012\nA-2;tuerca, M6;0,004\n"
    assert "A-1 | tornillo, M6 | 0,012" in csv_to_text(text)


def test_plain_comma_files_are_unchanged() -> None:
    text = "sku,name,weight_lb\nW-1,Widget,1.5\nW-2,Gadget,2.5\n"
    assert csv_to_text(text).splitlines()[1] == "W-1 | Widget | 1.5"
