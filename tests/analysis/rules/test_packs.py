"""Pack weights divided by the units they hold (issue 14), on fresh texts written for this
test: German carton compounds (Sammelkarton), "kg / cartone", "par carton de 12", a lot
under a packaging key of flattened JSON, the Italian abbreviation "conf."."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rohrschelle RS-2, Verkaufseinheit Stück\n\n| Versandeinheit | Inhalt | Bruttogewicht |"
            "\n|---|---|---|\n| Sammelkarton | 36 Stück | 7,2 kg |\n",
            200,
        ),
        ("Pomolo PM-4\nCartone | 30 pezzi\nPeso lordo | 6 kg / cartone\n", 200),
        ("Charnière CH-8\nPoids brut : 4,8 kg par carton de 12\n", 400),
    ],
)
def test_a_gross_carton_alone_is_divided_with_low_confidence(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.5  # the packaging is in that figure


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "producto: Sargento de apriete SA-200\nunidad de venta: pieza\nembalaje.tipo: lote\n"
            "embalaje.cantidad: 5\nembalaje.peso_del_lote: 3 kg\n",
            600,
        ),
        ("Mola abrasiva MA-115\nPeso conf. 10 pz: 850 g\n", 85),
    ],
)
def test_a_lot_or_pack_weight_is_divided_by_its_stated_count(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence <= 0.75


def test_a_lot_weight_without_its_count_is_no_unit_weight() -> None:
    text = "Serre-joint SJ-5\nconditionnement.type: lot\nconditionnement.masse_du_lot: 2 kg\n"
    assert find_unit_weight(text).grams is None


def test_the_evidence_of_a_divided_weight_shows_its_count() -> None:
    text = "Maniglia MN-9\nFinitura | cromo\nCartone | 40 pezzi\nPeso lordo | 9,2 kg / cartone\n"
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(230)
    assert result.evidence == "Cartone | 40 pezzi\nPeso lordo | 9,2 kg / cartone"
    assert result.evidence in text  # still an exact snippet of the sheet
