"""Several revisions' weights and a pointer naming the current one ("aktuelle_revision:
C", "Current revision: C"): the current revision's weight holds (issue 14, round V/U).
Fresh texts, flattened JSON and tables."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # de flattened JSON, pointer before the list.
        ("artikel: GW-12\naktuelle_revision: D\nrevisionen[0].rev: C\n"
         "revisionen[0].gewicht_kg: 0.84\nrevisionen[1].rev: D\nrevisionen[1].gewicht_kg: 0.79\n",
         790),
        # en table, pointer after it.
        ("Bracket BR-7\n| Rev | Date | Weight |\n|---|---|---|\n| A | 2024-01 | 1.20 kg |\n"
         "| B | 2025-05 | 1.32 kg |\n| C | 2026-02 | 1.28 kg |\nCurrent revision: B\n", 1320),
        # fr table, pointer below it.
        ("Support SP-3\n| Indice | Poids |\n| A | 640 g |\n| B | 610 g |\n| C | 600 g |\n"
         "Révision en vigueur : B\n", 610),
        # es JSON.
        ("articulo: PL-9\nrevision_vigente: B\nrevisiones[0].revision: A\n"
         "revisiones[0].peso_kg: 2,4\nrevisiones[1].revision: B\nrevisiones[1].peso_kg: 2,6\n",
         2600),
        # it table, pointer in a note below it.
        ("Staffa ST-5\n| Rev. | Peso |\n| B | 350 g |\n| C | 335 g |\n| D | 330 g |\n"
         "Nota: revisione attuale = C\n", 335),
    ],
)  # fmt: skip
def test_the_current_revision_weight_holds(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


def test_a_pointer_to_a_revision_without_a_weight_changes_nothing() -> None:
    text = "Bracket BR-7\nCurrent revision: C\n| Rev | Weight |\n| A | 1.20 kg |\n| B | 1.32 kg |\n"
    # No row of revision C: the rows are read as before (the later, equally good, rival).
    before = find_unit_weight(text.replace("Current revision: C\n", ""))
    assert find_unit_weight(text).grams == before.grams
