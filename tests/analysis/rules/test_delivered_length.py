"""The delivered or ordered length labelled as such is the article's length, also when
OCR glued the label ("Longueurlivrée | 25 m") (issue 14, round Z), on fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # fr OCR, glued label
        ("Tuyau PVC souple 20 mm\nLongueurlivrée | 15 m\nPoids | 0,18 kg/m\n", 2700),
        # en key/value
        ("Rubber hose 1/2 in\nDelivered length: 10 m\nWeight: 0.3 kg/m\n", 3000),
        # de table row
        ("Gummikabel H07RN-F 5G2,5\n| Gelieferte Länge | 30 m |\n| Gewicht | 0,32 kg/m |\n",
         9600),
        # es, JSON key path
        ("manguera: Manguera aire 10 mm\nlongitud suministrada: 20 m\npeso: 0,12 kg/m\n", 2400),
        # it, markdown bold
        ("# Cavo FG16OR16 3G1,5\n**Lunghezza fornita:** 50 m\n**Peso:** 0,15 kg/m\n", 7500),
    ],
)  # fmt: skip
def test_the_delivered_length_times_the_weight_per_metre(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


def test_a_delivered_length_on_goods_sold_by_the_metre_is_not_the_article() -> None:
    text = "Cable NYM 3x1,5\nSold per metre\nDelivered length: 100 m ring\nWeight: 0.12 kg/m\n"
    assert find_unit_weight(text).grams == pytest.approx(120)
