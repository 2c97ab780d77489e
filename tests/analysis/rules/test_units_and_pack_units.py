"""Units and the unit ordered (issue 14, round T/S): a connector sheet's recommended-cable
weight in kg/km is the cable's (null), also below cable property lines; hectograms ("hg")
after a number or in a unit field; a lower-case "ve" is no pack; a remainder glued to its
first unit ("2 Ib8oz", "1kg200g"); an approximate count divides no pack weight; an order
counted in the sold container keeps the container's weight whole. Fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    "text",
    [
        "M8 field connector, 4-pin, male\nCable outer diameter: 3-5 mm\n"
        "Suitable cable: PVC 4x0.25 mm², weight approx. 30 kg/km (not included)\n",
        "codice: CX-8\ndescrizione: Connettore M8 maschio da cablare\n"
        "cavo_consigliato.diametro_mm: 3-5\ncavo_consigliato.peso_kg_km: 28\n",
        "Steckverbinder M12, 8-polig, konfektionierbar\nKabeldurchmesser: 6-8 mm\n"
        "Empfohlene Leitung: PUR 8x0,25 mm², Gewicht 62 kg/km\n",
        "Connecteur M12 à câbler, 5 broches\nCâble diamètre extérieur : 4-6 mm\n"
        "Câble recommandé : PUR 5x0,34 mm², poids 44 kg/km\n",
        "Conector M12 hembra para montar\nCable diámetro exterior: 4-6 mm\n"
        "Cable recomendado: PUR 5x0,34 mm², peso 46 kg/km\n",
    ],
)
def test_a_recommended_cables_weight_on_a_connector_sheet_is_null(text: str) -> None:
    assert find_unit_weight(text).grams is None


def test_a_cable_sheet_keeps_its_weight_per_metre() -> None:
    """Negative: the title names the cable, so its kg/km is the article's per metre."""
    text = "Control cable 5G1.5 PUR\nCable outer diameter: 9 mm\nWeight: 95 kg/km\n"
    assert find_unit_weight(text).grams == pytest.approx(95)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("codice | descrizione | peso | um_peso\nFF-1 | Filo zincato 1,2 mm | 5 | hg\n", 500),
        ("code | description | weight | weight_uom\nW-1 | Binding wire 1.2 mm | 7 | HG\n", 700),
        ("Artikel | Bezeichnung | Gewicht | Gewichtseinheit\nB-2 | Bindedraht | 3 | hg\n", 300),
        ("Filo di ferro cotto\nPeso netto: 4 hg\n", 400),
    ],
)
def test_hectograms_in_a_unit_field_or_after_a_number(text: str, grams: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(grams)


def test_hg_in_a_label_is_no_mass_unit() -> None:
    """Negative: "mm Hg" is a pressure; the weight is the kilograms."""
    text = "Vacuum gauge VG-2\nRange mm Hg: 760\nWeight: 0.4 kg\n"
    assert find_unit_weight(text).grams == pytest.approx(400)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        (
            "codice | descrizione | classe | peso_kg | um\n"
            "SR-1 | Serranda tagliafuoco | EI90 (ve i<->o) S | 3,2 | PZ\n",
            3200,
        ),
        # Negative: a capital "VE" is still the German packing unit, and divides.
        ("Kabelbinder 200 mm\nVE: 100 Stück\nGewicht je VE: 500 g\n", 5),
    ],
)
def test_only_a_capital_ve_is_a_pack(text: str, grams: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(grams)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("Grille de reprise 12 x 6 po\nPoids | 2 Ib8oz\n", 1133.98),
        ("Return grille 10 x 6 in\nWeight: 3lb4oz\n", 1474.18),
        ("Lüftungsgitter 300 x 150\nGewicht: 1kg200g\n", 1200),
        ("Rejilla de retorno\nPeso: 2 kg500g\n", 2500),
        # Negative: a number glued to a word is no remainder ("kg8" has no unit after it).
        ("Griglia di ripresa\nPeso: 2 kg8\n", 2000),
    ],
)
def test_a_remainder_glued_to_its_first_unit(text: str, grams: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(grams, rel=1e-4)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        (
            "sku: E7018-40\norder_unit: pack\npack.net_weight_kg: 4.5\npack.rods_approx: 120\n",
            4500,
        ),
        (
            "Schweißelektroden E6013 3,2 mm\nVerkaufseinheit: Paket\n"
            "Paketinhalt: ca. 190 Stück\nNettogewicht Paket: 5 kg\n",
            5000,
        ),
        (
            "Rutile electrodes E6013 2.5 mm\nSales unit: pack\nApprox. 190 rods per pack\n"
            "Net weight per pack: 5 kg\n",
            5000,
        ),
        (
            "Électrodes rutiles E6013\nUnité de vente : paquet\nenv. 190 baguettes par paquet\n"
            "Poids net du paquet : 5 kg\n",
            5000,
        ),
        # Negative: an exact count still divides the pack weight.
        (
            "Schweißelektroden E6013 3,2 mm\nVerkaufseinheit: Paket\n"
            "Paketinhalt: 200 Stück\nNettogewicht Paket: 5 kg\n",
            25,
        ),
    ],
)
def test_an_approximate_count_divides_no_pack(text: str, grams: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(grams)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        (
            "Conferma d'ordine 18 - Viti autofilettanti 4,2 x 13\n"
            "Unità di vendita | scatola da 1000 pz\nQuantità ordinata | 4 scatole\n"
            "Peso scatola | 1,8 kg\n",
            1800,
        ),
        (
            "Order confirmation 77 - Blind rivets 4.0 x 10\nSales unit: box of 500 pcs\n"
            "Ordered quantity: 6 boxes\nWeight per box: 0.9 kg\n",
            900,
        ),
        (
            "Auftragsbestätigung 5 - Blindnieten 4,8 x 12\nVerkaufseinheit: Karton mit 250 Stück\n"
            "Bestellmenge: 3 Kartons\nKartongewicht: 1,2 kg\n",
            1200,
        ),
        (
            "Confirmation de commande 9 - Rivets aveugles\nUnité de vente : boîte de 500\n"
            "Quantité commandée : 2 boîtes\nPoids de la boîte : 1,1 kg\n",
            1100,
        ),
        # Negative: "Order unit: 1 box of 200" names the sales unit; no order is counted.
        ("Hex nut M8\nOrder unit: 1 box of 200 pcs\nNet weight per box: 2.96 kg\n", 14.8),
    ],
)
def test_an_order_counted_in_the_sold_container(text: str, grams: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(grams)
