"""Pack counts in more layouts: JSON key paths ("caja.cantidad: 40"), dot leaders, a total
after inner containers ("12 boxes (600 pcs)"), keys that are dimensions, a pack holding a
measure, German compound containers (issue 14, corpora F-H), on fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.containers import kinds_in
from cost_model_service.analysis.rules.packs import Statement, statements


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("scatola.quantita: 40", Statement("box", 40)),
        ("Master carton ......... 8 boxes (400 pcs)", Statement("carton", 400)),
        ("Umkarton (Inhalt): 25 Stück", Statement("carton", 25)),
    ],
)
def test_a_count_in_a_key_path_dot_leader_or_total_is_read(line: str, expected: Statement) -> None:
    assert list(statements(line, decimal_comma=True, by_length=False)) == [expected]


@pytest.mark.parametrize(
    "line", ["caja.dimensiones mm: 400, 300, 160", "Box size: 120 x 80", "carton.mm: 300"]
)
def test_a_dimension_key_is_no_count(line: str) -> None:
    assert list(statements(line, decimal_comma=True, by_length=False)) == []


def test_german_compounds_name_their_container_last() -> None:
    assert kinds_in("Spenderbox, im Faltkarton, Laufrolle") == ["box", "carton"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # JSON key paths (it): the box's quantity and its gross weight.
        (
            "codice: V-40\nunita_vendita: pezzo\nscatola.quantita: 40\nscatola.peso_lordo_kg: 2\n",
            50,
        ),
        # A dot-leader sheet (en): 8 boxes of 50 in a carton, the carton weighed.
        (
            "WASHER M10 DIN 125\nPrice unit ...... 1 piece\n"
            "Master carton ......... 8 boxes (400 pcs)\nCarton net wt. ...... 2.4 kg\n",
            6,
        ),
        # German prose: a pack weighed in the warehouse.
        (
            "Kabelbinder 4,8 x 200\nPreis je Stück\nVerpackungseinheit (VPE): 100 Stück\n"
            "Eine volle VPE wurde nachgewogen: 0,5 kg.\n",
            5,
        ),
    ],
)
def test_a_pack_weight_is_divided_by_the_count_in_any_layout(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


def test_a_pack_holding_a_measure_is_one_unit_not_the_cartons_count() -> None:
    text = (
        "product: Silicone sealant, cartridge 310 ml\npack.content: 310 ml\n"
        "pack.net_weight: 380 g\ncarton.count: 24\ncarton.gross_weight: 9.8 kg\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(380)


def test_a_piece_in_a_compound_named_box_is_weighed_by_the_box() -> None:
    # The article is the dispenser box (title), so its net weight is not divided.
    text = "Einweg-Schutzmasken FFP2 (Spenderbox)\nInhalt | 20 St.\nGewicht Box netto | 160 g\n"
    assert find_unit_weight(text).grams == pytest.approx(160)
