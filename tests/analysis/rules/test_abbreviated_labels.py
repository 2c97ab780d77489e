"""Abbreviated weight labels (issue 14), on fresh texts written for this test: "N.W."/"G.W.",
"N.Wt."/"Gr. Wt.", "Nettogew.", "Pds net", "P.N."/"P.B."/"P.L."; the net one wins."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bench vice BV-5\nG.W.: 7.9 kg\nN.W.: 7.1 kg\n", 7100),  # txt key/value
        ("| Item | Pump P-4 |\n|---|---|\n| N.Wt. | 12,5 kg |\n| Gr. Wt. | 14 kg |\n", 12500),
        ("Schraubstock SV-3\nBruttogew.: 5,2 kg\nNettogew.: 4,6 kg\n", 4600),
        ("Étau E-2\nPds brut 3,1 kg — Pds net 2,7 kg\n", 2700),
        ("Tornillo de banco TB-1\n**P.B.** 6,0 kg · **P.N.** 5,4 kg\n", 5400),  # md bold
        ("Morsa M-8\nP.L.: 9,5 kg\nP.N.: 8,8 kg\n", 8800),
        ("model: Clamp C-2\nGW: 1.4 kg\nNW: 1.1 kg\n", 1100),  # JSON key paths, capitals
    ],
)
def test_the_abbreviated_net_weight(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


def test_a_gross_abbreviation_alone_is_a_gross_weight() -> None:
    result = find_unit_weight("Chain hoist CH-1\nG.W. | 22 kg\n")
    assert result.grams == pytest.approx(22000) and result.confidence < 0.8


def test_a_nominal_width_is_no_weight_label() -> None:
    # "NW 50" is a nominal width; the mass on the line is no net weight by it.
    result = find_unit_weight("Absperrklappe AK-50\nNW 50, Gewicht 3,2 kg\nNW 50 Flansch 1,1 kg\n")
    assert result.grams == pytest.approx(3200)
