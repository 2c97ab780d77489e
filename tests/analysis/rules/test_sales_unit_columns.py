"""The sales unit stated in a CSV column, or after a price basis, decides what one article
is, and so whether a pack weight is divided or a piece weight multiplied (issue 14, round
X/W); fresh texts written for this test."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight
from cost_model_service.analysis.rules.unit_of_sale import Sold, sold_as


@pytest.mark.parametrize(
    ("text", "sold"),
    [
        # The header cell names the unit, the cell below states it (es, de, en, fr, it).
        ("codigo | unidad_venta | caja_uds\nTA-1 | UD | 25\n", Sold(single=True)),
        ("Artikel | Verkaufseinheit | VPE Stück\nGS-8 | 1 Stück | 10\n", Sold(single=True)),
        ("item | sales_uom | pcs\nR-1 | BOX250 | 250\n", Sold(False, "box", 250)),
        ("ref | unite_vente | colisage\nX-2 | lot de 6 | 6\n", Sold(False, "pack", 6)),
        ("articolo | unita_vendita | prezzo\nG-9 | paio | 2,90\n", Sold(False, count=2)),
        # A sales unit after a price basis the same sentence states.
        ("Prezzo per confezione, unità di vendita: 1 confezione.", Sold(False, "pack")),
        ("Price per box; sales unit: 1 box of 50", Sold(False, "box", 50)),
        ("Preis je Karton, Verkaufseinheit: Karton (12 Stück)", Sold(False, "carton", 12)),
    ],
)
def test_the_unit_of_sale_is_read_from_its_column_or_after_a_price_basis(
    text: str, sold: Sold
) -> None:
    assert sold_as(text) == sold


@pytest.mark.parametrize(
    ("text", "sold"),
    [
        # A two-cell first row is a key/value entry, read as before, not a header.
        ("Sales unit | box of 10\nWeight | 2 kg\n", Sold(False, "box", 10)),
        # A price basis alone names no unit.
        ("Prezzo per confezione.", None),
        # A count followed by a unit is a size, not what the box holds.
        ("Sales unit: box 2 kg", Sold(False, "box")),
    ],
)
def test_near_misses_keep_their_reading(text: str, sold: Sold | None) -> None:
    assert sold_as(text) == sold


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One piece sold, only the box of 20 weighed (fr CSV).
        (
            "reference | designation | unite_vente | pieces_carton | poids_carton_kg\n"
            "BR-1 | Bride plate DN40 | PCE | 20 | 12\n",
            600,
        ),
        # One piece sold, a pack count of 20 and a carton weight; the "1 Stück" of the
        # sales unit is no carton's count (de CSV).
        (
            "Artikel | Bezeichnung | Verkaufseinheit | VPE Stück | Kartongewicht kg\n"
            "WS-10 | Winkel 60x60 | 1 Stück | 20 | 5\n",
            250,
        ),
        # A box of 200 sold, one screw weighed per piece (en CSV).
        ("item | desc | sales_uom | wt_per_pc_g\nSC-4 | screw 4x20 | BOX200 | 1.5\n", 300),
        # A pack of 10 sold after its price basis, one fuse weighed (it).
        (
            "Fusibile ceramico 6x32\nConfezione da 10 pezzi, prezzo per confezione, unità di "
            "vendita: 1 confezione.\nMassa del singolo fusibile | 2,4 g\n",
            24,
        ),
        # A pair sold, one shoe weighed (it key path).
        ("codice: SC-41\nunita_vendita: paio\ndati.peso_scarpa_singola_g: 450\n", 900),
    ],
)
def test_the_sales_unit_column_divides_or_multiplies(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8  # derived


def test_a_box_sold_keeps_its_box_weight() -> None:
    # Near miss (es CSV): the unit is the box itself, so its weight is not divided.
    text = (
        "codigo | descripcion | unidad_venta | uds_caja | peso_caja_kg\n"
        "TO-6 | Tornillo 6x40 | CAJA | 100 | 0,8\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(800)
