"""Gross minus tare (issue 14, round X/W), on fresh texts written for this test: a sheet
with only a shipping (gross) weight and its packaging's weight states the article's weight
as their difference; the tare is no weight of the article, and a net weight still wins."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Band saw BS-300\nParameter | Value\nShipping weight (on pallet) | 212 kg\n"
            "Pallet tare | 18 kg\n",
            194000,
        ),
        ("Drehbank DB-2\nVersandgewicht 480 kg inkl. 35 kg Holzkiste\n", 445000),
        (
            "# Scaffale S-9\n\n| Dato | Valore |\n|---|---|\n| Peso lordo | 38 kg |\n"
            "| di cui imballo | 2,5 kg |\n",
            35500,
        ),
        ("Hormigonera H-160\nPeso bruto: 71 kg\nTara del embalaje: 9 kg\n", 62000),
        ("Compresseur C-50\nPoids brut : 55 kg\nPoids de la caisse : 7 kg\n", 48000),
    ],
)
def test_gross_minus_tare(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A net weight is stated: it wins, no arithmetic.
        ("Band saw BS-2\nNet weight: 180 kg\nGross weight: 205 kg\nCrate tare: 25 kg\n", 180000),
        # No tare stated: the gross weight is all there is.
        ("Drehbank DB-3\nVersandgewicht: 320 kg\nVerpackung: Holzkiste\n", 320000),
        # A pallet's load limit is no tare.
        ("Shelf unit SU-4\nShipping weight: 58 kg\nMax. pallet load: 40 kg\n", 58000),
    ],
)
def test_no_tare_arithmetic(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)
