"""A PDF text layer wraps a long table cell onto the next line (issue 14): the few words
that continue a row's last cell are joined back, a heading between tables is not."""

from cost_model_service.analysis.documents.pdf import _join_wrapped_cells


def test_a_header_cell_wrapped_after_an_open_bracket_is_joined() -> None:
    lines = ["Type | Range | Weight (sender +", "receiver)", "LG-1 | 1 m | 0,9 kg"]
    assert _join_wrapped_cells(lines) == [
        "Type | Range | Weight (sender + receiver)",
        "LG-1 | 1 m | 0,9 kg",
    ]


def test_a_lower_case_continuation_is_joined() -> None:
    lines = ["Modèle | Débit | Poids à", "vide", "P-10 | 10 l/h | 2,1 kg"]
    assert _join_wrapped_cells(lines)[0] == "Modèle | Débit | Poids à vide"


def test_a_heading_between_two_tables_stays_a_line() -> None:
    lines = ["A-1 | 10 mm | 1 kg", "Zubehör", "Halter | H-2 | 40 g"]
    assert _join_wrapped_cells(lines) == lines
