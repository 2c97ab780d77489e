"""A user's or wearer's body weight is no weight of the article (issue 14), on fresh texts
written for this test in the five languages and several layouts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sicherheitsgurt SG-2\nmax Nutzergewicht: 136 kg\nMasse: 1,6 kg\n", 1600),
        ("Step stool SS-2\n| Max. user weight | 150 kg |\n| Weight | 2.9 kg |\n", 2900),
        ("Harnais H-3\nPoids corporel admis 140 kg. Masse 1,2 kg.\n", 1200),
        ("Arnés A-7\n- Peso corporal máx.: 140 kg\n- Masa: 1,45 kg\n", 1450),
        ("Imbracatura I-1\nPeso utilizzatore 140 kg; massa 1,3 kg\n", 1300),
        ("Stehleiter SL-4\nAnwendergewicht bis 150 kg, Eigengewicht 5,1 kg\n", 5100),
    ],
)
def test_the_users_weight_is_not_the_articles(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_body_weight_alone_gives_no_weight() -> None:
    assert find_unit_weight("Harness H-1\nBody weight: up to 140 kg\n").grams is None
