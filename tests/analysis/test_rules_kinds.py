"""The weight rules by kind of statement (issue 14), each on fresh texts written for this
test: derived unit weights, weights of accessories and attached cables, sets of N."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


def grams(text: str) -> float | None:
    return find_unit_weight(text).grams


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A piece cut from goods weighed by the metre: kg/m x the piece's length.
        (
            "Square tube 30x30x2, S355, cut to 2500 mm\nSales unit: 1 piece\n"
            "Weight: 1.68 kg/m\nStock length: 6000 mm\n",
            4200,
        ),
        (
            "Rundstahl Ø 20 mm, Zuschnitt\nZuschnittlänge: 1.250 mm\nMetergewicht: 2,47 kg/m\n",
            3087.5,
        ),
        ("Tuyau PVC cristal 12x16 — tronçon de 4 m\nPoids linéique : 0,15 kg/m\n", 600),
        ("Barra tonda ottone Ø 10\nLunghezza di taglio | 500 mm\nPeso lineare | 0,66 kg/m\n", 330),
        ("Correa plana 30 mm — tramo sin fin de 3,2 m\nPeso por metro lineal | 0,4 kg/m\n", 1280),
        # Sold by the metre: the unit is one metre, no piece length applies.
        ('Garden hose 1/2" — sold by the metre\nWeight: 0.21 kg/m\nLength on reel: 50 m\n', 210),
    ],
)
def test_a_cut_piece_weighs_its_length_times_the_weight_per_metre(
    text: str, expected: float
) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    if "sold by the metre" not in text:
        assert result.confidence < 0.8  # derived, not read


@pytest.mark.parametrize(
    "text",
    [
        # Only accessories carry a weight: no article weight (a distractor is worse than none).
        "Limit switch LS-3\nProtection: IP65\nAccessory: roller lever RL-3, weight 22 g\n",
        "Hygrometer HG-1\nWeight: see drawing\n\nAccessories\nItem | Weight\n"
        "Wall bracket | 60 g\nProbe extension | 35 g\n",
        "Druckschalter DS-10\nGewicht: siehe Preisliste\nZubehör | Gewicht\nWinkel | 40 g\n",
        # The cable of a sensor or connector, weighed per metre: a component, not the article.
        "Photoelectric sensor PS-40 — cable 5 m\nHousing: PBT\nCable weight: 38 g/m\n",
        "Capteur de niveau CN-2 avec câble PUR 10 m\nPoids du câble : 52 g/m\n",
    ],
)
def test_accessory_and_attached_cable_weights_are_not_the_article(text: str) -> None:
    assert grams(text) is None


def test_a_weight_with_accessories_is_still_the_article() -> None:
    assert grams("Angle grinder AG-9\nWeight incl. accessories: 2.4 kg\n") == pytest.approx(2400)


def test_a_cable_sold_as_the_article_keeps_its_weight_per_metre() -> None:
    text = "Control cable 5G2.5, PVC\nCable weight: 0.25 kg/m\n"
    assert grams(text) == pytest.approx(250)


def test_a_cable_reel_is_not_weighed_by_its_cable() -> None:
    text = "Cable reel KR-40, 40 m H05VV-F 3G1.5\nCable weight: 0.11 kg/m\nNet weight: 6.2 kg\n"
    assert grams(text) == pytest.approx(6200)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Socket head cap screw M5x16\nSales unit: 1 piece\nWeight (set of 50): 190 g\n", 3.8),
        ("Joint torique 20x2 NBR\nPoids du lot de 25 joints : 50 g\n", 2.0),
        ("Arandela plana M10\nPeso (juego de 8 unidades) | 36 g\n", 4.5),
        ("part: tension spring TS-6\nweight: 30 g\nweight.basis: set of 12 pieces\n", 2.5),
    ],
)
def test_a_set_weight_is_divided_when_one_piece_is_bought(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence <= 0.7


def test_a_set_that_is_the_article_keeps_its_weight() -> None:
    assert grams("Castor wheels CW-50, set of 4\nWeight: 1.2 kg\n") == pytest.approx(1200)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Variants side by side: the ordered one's column, named by its code in the title.
        (
            "Spring clamp SC — ordered size: SC-2535\n| Size | 15-25 mm | 25-35 mm | 35-45 mm |\n"
            "| Code | SC-1525 | SC-2535 | SC-3545 |\n| Weight | 12 g | 17 g | 23 g |\n",
            17,
        ),
        (
            "Scaffale — modello ordinato: SC-900\n| Dato | SC-600 | SC-900 |\n|---|---|---|\n"
            "| Portata ripiano | 120 kg | 100 kg |\n| Peso | 14 kg | 18,5 kg |\n",
            18500,
        ),
        # Variants as JSON array elements: the ordered one's element, not the first.
        (
            "product: Gate valve GV\nordered_variant: GV-80-PN25\nvariants[0].code: GV-80-PN16\n"
            "variants[0].weight_kg: 21.0\nvariants[1].code: GV-80-PN25\n"
            "variants[1].weight_kg: 24.5\n",
            24500,
        ),
    ],
)
def test_the_ordered_variant_is_read_from_its_column_or_element(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence <= 0.75  # chosen among variants


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Words for weight: verbs in prose, French "Masse", Spanish "masa", German "wiegt".
        ("Vanne d'arrêt VA-3\nCompacte, la vanne pèse 1,2 kg seulement.\n", 1200),
        ("Raccord R-8\nMasse : 85 g\n", 85),
        ("Grifo G-2\nMasa neta: 0,4 kg\n", 400),
        ("Stellmotor SM-1\nDer Antrieb wiegt 2,3 kg.\n", 2300),
        # Prose wrapped just before the value, beside a predecessor's weight.
        (
            "Filtre F-20\nLe nouveau filtre, plus compact, ne pèse\nque 380 g, contre 450 g pour "
            "l'ancien F-10.\n",
            380,
        ),
        # A table aligned with spaces: the column header names the weight.
        (
            "Gear unit GU-40, ordered: GU-40-i20\n\nRatio   Code        Torque   Weight\n"
            "i = 10  GU-40-i10   60 N·m   4,1 kg\ni = 20  GU-40-i20   75 N·m   4,3 kg\n",
            4300,
        ),
    ],
)
def test_weight_words_prose_and_aligned_tables(text: str, expected: float) -> None:
    assert grams(text) == pytest.approx(expected)


def test_the_core_of_a_roll_is_not_the_roll() -> None:
    text = (
        "product: Packing tape 50 mm x 100 m\nsales_unit: 1 roll\ncore.weight: 0.05 kg\n"
        "roll_net_weight: 0.62 kg (including core)\n"
    )
    assert grams(text) == pytest.approx(620)


def test_ocr_reading_lbs_as_ibs_is_still_pounds() -> None:
    text = "Hand winch HW-9\nRated capacity | 900 Ibs\nNet weight | 6.5 Ibs\n"
    assert grams(text) == pytest.approx(6.5 * 453.59237)


def test_quoted_weights_are_read_as_the_rules_read_them() -> None:
    from cost_model_service.analysis.rules.quotes import quoted_weights

    sheet = (
        "Tube 20x2, cut to 1500 mm\nweight_per_metre: 0.89 kg/m\n"
        "Surface weight: 2 kg/m²\nmounting_kit weight: 40 g (accessory)\n"
    )
    assert quoted_weights(sheet, "weight_per_metre: 0.89 kg/m") == [pytest.approx(1335)]
    assert quoted_weights(sheet, "Surface weight: 2 kg") == [None]  # a rate: rejected
    assert quoted_weights(sheet, "mounting_kit weight: 40 g (accessory)") == [None]
    assert quoted_weights(sheet, "Weight: 9 kg") is None  # not in the sheet: cannot judge


def test_a_quote_with_markdown_emphasis_is_read_as_the_sheet_is() -> None:
    # The LLM quotes the raw line, stars included; the rules read the sheet without them.
    # Unmatched, the quote could not be judged and a per-piece reading overruled the pack.
    from cost_model_service.analysis.rules.quotes import quoted_weights

    sheet = (
        "# Pipette tips 200 µl, racked\n- **Weight of one rack: 112 g**\n"
        "- **Sales unit: carton of 10 racks (price per carton)**\n"
    )
    assert quoted_weights(sheet, "- **Weight of one rack: 112 g") == [pytest.approx(1120)]
    assert quoted_weights(sheet, "**Weight of one rack: 112 g**") == [pytest.approx(1120)]


def test_rpm_is_not_a_minimum() -> None:
    text = (
        "Gear motor GM-2, ordered: GM-2-i10\n\nRatio  Code       Speed      Weight\n"
        "i = 5  GM-2-i5    280 min-1  3,1 kg\ni = 10 GM-2-i10   140 min-1  3,3 kg\n"
    )
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(3300) and result.confidence >= 0.5
