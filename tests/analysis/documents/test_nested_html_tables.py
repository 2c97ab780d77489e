"""Tables inside table cells (issue 14): a variants table nested in a layout cell stands on
lines of its own; a key/value table or a definition list inside a data cell stays on its
row's line. Fresh pages written for this test."""

from cost_model_service.analysis.documents.html import html_to_text
from cost_model_service.analysis.rules import find_unit_weight


def test_a_variants_table_in_a_layout_cell_gets_rows_of_its_own() -> None:
    html = (
        "<h1>Vérin compact VC40-080</h1><table><tr><th>Série</th><th>Valeurs</th></tr>"
        "<tr><td>Courses</td><td><table><tr><th>Type</th><th>Course</th><th>Poids</th></tr>"
        "<tr><td>VC40-050</td><td>50 mm</td><td>0,61 kg</td></tr>"
        "<tr><td>VC40-080</td><td>80 mm</td><td>0,74 kg</td></tr></table></td></tr>"
        "<tr><td>Raccord</td><td>G 1/8</td></tr></table>"
    )
    text = html_to_text(html)
    assert "\nVC40-080 | 80 mm | 0,74 kg\n" in text
    assert "\n\nRaccord | G 1/8" in text  # the outer table goes on apart from the inner one
    assert find_unit_weight(text).grams == 740


def test_a_layout_table_beside_a_list_keeps_the_inner_header_over_its_rows() -> None:
    html = (
        "<h1>Bomba sumergible BS-750 0,75 kW</h1><table><tr><td><ul><li>Acero inox</li>"
        "<li>IP68</li></ul></td><td><h3>Potencias</h3><table>"
        "<tr><th>Código</th><th>kW</th><th>Peso</th></tr>"
        "<tr><td>BS-550</td><td>0,55</td><td>9,1 kg</td></tr>"
        "<tr><td>BS-750</td><td>0,75</td><td>10,4 kg</td></tr></table></td></tr></table>"
    )
    text = html_to_text(html)
    assert "Código | kW | Peso\nBS-550 | 0,55 | 9,1 kg" in text
    assert find_unit_weight(text).grams == 10400


def test_a_key_value_table_inside_a_cell_stays_on_its_row() -> None:
    html = (
        "<p>Regalboden RB-1200</p><table><tr><th>Art.-Nr.</th><th>Breite</th><th>Daten</th></tr>"
        "<tr><td>RB-0900</td><td>900 mm</td><td><table><tr><td>Gewicht</td><td>4,1 kg</td></tr>"
        "<tr><td>Fachlast</td><td>80 kg</td></tr></table></td></tr>"
        "<tr><td>RB-1200</td><td>1200 mm</td><td><table><tr><td>Gewicht</td><td>5,3 kg</td>"
        "</tr><tr><td>Fachlast</td><td>60 kg</td></tr></table></td></tr></table>"
    )
    text = html_to_text(html)
    assert "RB-1200 | 1200 mm | Gewicht: 5,3 kg; Fachlast: 60 kg" in text
    assert find_unit_weight(text).grams == 5300


def test_a_definition_list_inside_a_cell_stays_on_its_row() -> None:
    html = (
        "<h2>Armadio spogliatoio AS-3</h2><table><tr><th>Modello</th><th>Ante</th>"
        "<th>Dati</th></tr><tr><td>AS-2</td><td>2 per abiti</td><td><dl><dt>Altezza</dt>"
        "<dd>1800 mm</dd><dt>Peso</dt><dd>38 kg</dd></dl></td></tr><tr><td>AS-3</td>"
        "<td>3</td><td><dl><dt>Altezza</dt><dd>1800 mm</dd><dt>Peso</dt><dd>51 kg</dd></dl>"
        "</td></tr></table>"
    )
    text = html_to_text(html)
    assert "AS-3 | 3 | Altezza: 1800 mm; Peso: 51 kg" in text
    # "2 per abiti" reads as "per ..." and scores that row higher: the code still decides.
    assert find_unit_weight(text).grams == 51000
