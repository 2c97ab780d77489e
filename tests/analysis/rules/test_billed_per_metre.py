"""Billed per metre is sold per metre, said in a line or in a table cell under a billing
or sales-unit header: a roll's length named beside it is then no piece length (issue 14,
round Z), on fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # de CSV: the billing unit in its own column, a roll in the packing column
        ("Artikel | Bezeichnung | Abrechnung | Gewicht je m | VPE\n"
         "DP-12 | Dichtprofil EPDM | je lfm | 0,21 kg | Rolle 25 m\n", 210),
        # fr key/value
        ("Joint mousse 10 x 5 mm, rouleau 20 m\nFacturation : au mètre\nPoids : 0,02 kg/m\n",
         20),
        # es markdown table
        ("| Ref | Artículo | Facturación | Peso |\n|---|---|---|---|\n"
         "| BC-8 | Burlete caucho, rollo 50 m | por metro | 0,08 kg/m |\n", 80),
        # it prose
        ("Guarnizione in gomma - rotolo 30 m.\nFatturato al metro lineare.\nPeso: 0,05 kg/m\n",
         50),
        # en, billing line
        ("Rubber edge trim, coil 10 m\nBilling unit: per metre\nWeight: 0.11 kg/m\n", 110),
        # en, billed in prose
        ("Foam seal 6 x 3 mm, reel 25 m. Billed per metre.\nWeight: 0.004 kg/m\n", 4),
    ],
)  # fmt: skip
def test_billed_per_metre_keeps_the_weight_per_metre(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Cable drum 40 m, thermal cut-out, 3 sockets\nCable weight: 0.12 kg/m\n",
        "Kabeltrommel 25 m mit Thermo-Cutout\nLeitungsgewicht: 0,13 kg/m\n",
        "Enrouleur 50 m, cut-off thermique\nPoids du câble : 0,1 kg/m\n",
    ],
)
def test_a_cut_out_is_no_cut_piece(text: str) -> None:
    # a device's thermal cut-out does not make it a piece cut to length: the length in
    # its title is its cable's, and a cable's weight per metre is not the device's
    result = find_unit_weight(text)
    assert result.grams is None or result.grams < 1000
