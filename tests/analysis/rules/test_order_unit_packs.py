"""The order unit decides what a weight weighs (issue 14, round V/U): a pair ("1 par") sold
while the weight is given per boot or glove doubles it; "1 box = 100 pcs" counts the box a
weight per 1000 pieces is scaled to; a dispenser box is the article (its weight is kept,
not divided by the gloves it holds); OCR-glued "bustada50pz" is a bag of 50. Fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        (
            "# Zapato de seguridad S1P\n\nUnidad de venta: 1 par\n\n| Peso por zapato | 590 g |\n",
            1180,
        ),
        (
            "Ficha - Guante de nitrilo reutilizable\nDato | Valor\n"
            "Peso por guante (talla 8) | 55 g\nUnidad de venta | 1 par (talla 8)\n",
            110,
        ),
        ("Bota de agua PVC, talla 40\nSe vende por un par.\nPeso por bota: 1,1 kg\n", 2200),
        ("Plantilla de gel\nUnidad de venta ..... 1 par\nPeso por plantilla ..... 85 g\n", 170),
    ],
)
def test_a_weight_per_piece_of_a_pair_is_doubled(text: str, grams: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(grams)
    assert result.confidence < 0.8  # multiplied: derived


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("Sicherheitsstiefel S3\nVerkaufseinheit: 1 Paar\nGewicht je Schuh: 655 g\n", 1310),
        ("Rigger boot S3, size 44\nSales unit: 1 pair\nWeight: 720 g per boot\n", 1440),
        ("Botas de agua, talla 41\nUnidad de venta: 1 par\nPeso: 910 g por bota\n", 1820),
    ],
)
def test_one_of_a_pair_is_named_by_its_noun(text: str, grams: float) -> None:
    """The title need not name the piece: a shoe, boot or glove is one of a pair."""
    assert find_unit_weight(text).grams == pytest.approx(grams)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        # The pair's own weight is kept: "por par" names the pair, not one of its pieces.
        ("Bota de seguridad S3\nUnidad de venta: 1 par\nPeso por par: 1280 g\n", 1280),
        # French "par" before a container is the per-word: sold per carton of 10.
        ("Gants de jardin\nUnité de vente : par carton de 10\nPoids net du carton : 1,2 kg\n", 120),
    ],
)
def test_a_pair_weight_or_a_french_per_word_is_not_doubled(text: str, grams: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(grams)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        (
            "HEX BOLT M10 x 40\nSales unit : 1 box = 100 pcs\nWeight per 1000 pcs: 36.5 kg\n"
            "EAN (box) ...... 4012345000017\n",
            3650,
        ),
        (
            "Sechskantmutter M8\nVerkaufseinheit: 1 Karton = 500 Stück\n"
            "Gewicht je 1000 Stück: 5,2 kg\n"
            "EAN Karton: 4012345000024\n",
            2600,
        ),
        (
            "Rondelle M12\nUnité de vente : 1 boîte = 200 pièces\n"
            "Poids pour 1000 pièces : 10,5 kg\n"
            "Code EAN boîte : 3012345000031\n",
            2100,
        ),
        (
            "Vite M6 x 20\nUnità di vendita: 1 scatola = 100 pz\nPeso per 1000 pz: 6,1 kg\n"
            "EAN scatola | 8012345000048\n",
            610,
        ),
        (
            "Tornillo M5 x 16\nUnidad de venta: 1 caja = 200 uds\nPeso por 1000 uds: 3,4 kg\n"
            "EAN caja: 8412345000055\n",
            680,
        ),
    ],
)
def test_a_box_equated_to_its_pieces_scales_a_weight_per_1000(text: str, grams: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(grams)
    assert result.confidence < 0.8


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        (
            "Nitrile gloves, blue\nOrder unit ........ 1 dispenser box of 100 gloves\n"
            "Net weight per box ........ 480 g\n"
            "Shipping carton ...... 10 boxes, gross weight 5.4 kg\n",
            480,
        ),
        (
            "Einweghandschuhe Latex, puderfrei\nVerkaufseinheit: Spenderbox mit 100 Stück\n"
            "Nettogewicht je Box: 510 g\n",
            510,
        ),
        (
            "Gants d'examen en vinyle\nUnité de vente : boîte distributrice de 100 gants\n"
            "Poids net par boîte : 560 g\n",
            560,
        ),
        (
            "Guantes de nitrilo negros\nUnidad de venta: caja dispensadora de 100 guantes\n"
            "Peso neto por caja: 540 g\n",
            540,
        ),
        (
            "Guanti in nitrile\nUnità di vendita: scatola dispenser da 100 guanti\n"
            "Peso netto scatola: 530 g\n",
            530,
        ),
    ],
)
def test_a_dispenser_box_is_the_article(text: str, grams: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(grams)


def test_a_plain_sold_box_is_still_divided() -> None:
    text = "Nitrile gloves, blue\nSales unit: box of 100 gloves\nNet weight per box: 480 g\n"
    assert find_unit_weight(text).grams == pytest.approx(4.8)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        (
            "Provette 50 ml, PP\nDato | Valore\nUnitadivendita | bustada25pz\n"
            "Peso per 1000 pz | 9,2 kg\n",
            230,
        ),
        ("Puntali 1000 µl\nUnità di vendita | busta da 50 pz\nPeso per 1000 pz | 4,4 kg\n", 220),
    ],
)
def test_an_italian_bag_of_pieces_is_read(text: str, grams: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(grams)


def test_a_single_piece_sale_keeps_the_per_piece_weight() -> None:
    text = "Provette 50 ml, PP\nUnità di vendita | pezzo\nPeso per 1000 pz | 9,2 kg\n"
    assert find_unit_weight(text).grams == pytest.approx(9.2)
