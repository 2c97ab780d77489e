"""RulesAnalyzer: unit weight on the labelled corpus and on each trap; the cost model."""

import importlib.util
import json
import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from cost_model_service.analysis.base import AnalysisError, CatalogueIndex
from cost_model_service.analysis.documents import extract_text
from cost_model_service.analysis.rules import RulesAnalyzer, build_cost_model, find_unit_weight
from cost_model_service.analysis.shares import normalize_shares

SPECS = Path(__file__).parent.parent / "data" / "specs"
LABELS: dict[str, dict] = json.loads((SPECS / "labels.json").read_text(encoding="utf-8"))
HAS_OCR = importlib.util.find_spec("rapidocr_onnxruntime") is not None
MIN_ACCURACY = 0.95

# The codes seeded by migration 0002 (no BRASS: brass merges into COPPER).
CATALOGUE = [
    CatalogueIndex(code, code.replace("_", " ").title(), category)
    for code, category in [
        ("STEEL", "material"),
        ("STAINLESS_STEEL", "material"),
        ("CAST_IRON", "material"),
        ("ALUMINIUM", "material"),
        ("COPPER", "material"),
        ("PLASTICS", "material"),
        ("RUBBER", "material"),
        ("GLASS", "material"),
        ("PAPER", "material"),
        ("TEXTILES", "material"),
        ("ELECTRONICS", "material"),
        ("LABOUR", "labour"),
        ("ELECTRICITY", "energy"),
        ("NATURAL_GAS", "energy"),
        ("FREIGHT", "logistics"),
        ("FIXED", "fixed"),
    ]
]
# Labelled material -> the catalogue code it should show up as.
MATERIAL_CODES = {
    "steel": "STEEL",
    "cast iron": "CAST_IRON",
    "stainless steel": "STAINLESS_STEEL",
    "aluminium": "ALUMINIUM",
    "copper": "COPPER",
    "glass": "GLASS",
    "cotton": "TEXTILES",
    "paper": "PAPER",
    "abs": "PLASTICS",
    "pvc": "PLASTICS",
    "polyamide": "PLASTICS",
    "lithium-ion": "ELECTRONICS",
    "fr4": "ELECTRONICS",
}


def matches(label: dict, grams: float | None) -> bool:
    expected = label["unit_weight_grams"]
    if expected is None or grams is None:
        return expected is None and grams is None
    return abs(grams - expected) <= abs(expected) * label["tolerance_pct"] / 100


def corpus_text(name: str) -> str:
    return extract_text(name, None, (SPECS / name).read_bytes())


# --- the labelled corpus ------------------------------------------------------------------


@pytest.mark.skipif(not HAS_OCR, reason="the corpus has images; the 'ocr' extra is needed")
async def test_corpus_weight_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    analyzer = RulesAnalyzer()
    by_format: dict[str, list[bool]] = defaultdict(list)
    by_language: dict[str, list[bool]] = defaultdict(list)
    lines = []
    for name, label in sorted(LABELS.items()):
        result = await analyzer.extract_weight(corpus_text(name))
        ok = matches(label, result.grams)
        by_format[label["format"]].append(ok)
        by_language[label["language"]].append(ok)
        lines.append(
            f"{'ok  ' if ok else 'MISS'} {name:40} expected {label['unit_weight_grams']!s:>9}"
            f"  got {result.grams!s:>9}  conf {result.confidence:.2f}  {result.evidence!r}"
        )
    hits = [ok for oks in by_format.values() for ok in oks]
    accuracy = sum(hits) / len(hits)

    def rates(groups: dict[str, list[bool]]) -> str:
        return ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(groups.items()))

    summary = [
        f"rules weight accuracy: {sum(hits)}/{len(hits)} = {accuracy:.1%}",
        f"  per format:   {rates(by_format)}",
        f"  per language: {rates(by_language)}",
    ]
    print("\n".join(lines + summary))  # per file: visible with -s or on failure
    with capsys.disabled():  # the summary always reaches the terminal
        print("\n" + "\n".join(summary))
    assert accuracy >= MIN_ACCURACY


def test_evidence_is_an_exact_snippet_of_the_text() -> None:
    for name in LABELS:
        if name.endswith(".png"):
            continue
        text = corpus_text(name)
        result = find_unit_weight(text)
        if result.grams is not None:
            assert result.evidence and result.evidence in text, name
            assert result.method == "rules"
            assert 0 < result.confidence <= 1


# --- traps --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        # decimal comma and thousands separators, read by the sheet's convention
        ("Produkt: Winkel\nDicke: 2,5 mm\nGewicht: 2,5 kg", 2500),
        ("Désignation : équerre\nPoids : 0,75 kg", 750),
        ("Enclosure\nWeight | 1,250 | g", 1250),
        ("Item: cover plate\nWeight: 1.250 kg", 1250),
        ("Articolo: staffa della pompa\nSpessore 2,5 mm\nPeso: 1.250 g", 1250),
        ("Part\nWeight: 1,250.5 g", 1250.5),
        ("Teil\nGewicht: 1.250,5 g", 1250.5),
        ("Widget\nWeight: 2 500 g", 2500),
        # units through pint
        ("Motor\nWeight: 3 lb 4 oz", 1474.175),
        ("Motor\nWeight: 40 oz", 1133.981),
        ("Motor\nWeight: 1.9 lbs", 861.826),
        ("Cap\nmass: 2850 mg", 2.85),
        ("Machine base\n| Weight | 1.2 t |", 1_200_000),
        ("Product\nWeight (kg): 3.4", 3400),
        ("Produkt\nGewicht [g] | 12,5", 12.5),
        # goods sold by length: the weight of one metre
        ("Control cable 7G1.5\ncable_weight,0.168 kg/m", 168),
        ("Rope\nWeight: 45 kg/km", 45),
        ("Rope\nWeight per 100 m: 12 kg", 120),
        ("Kabel\nGewicht pro Meter: 0,168 kg", 168),
        ("Flat bar\n| Size | Weight (kg/m) |\n| 40x5 | 1.57 |", 1570),
    ],
)
def test_numbers_and_units(text: str, grams: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(grams, rel=1e-3)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("Hex bolt M20\nPackaging: carton of 50 pcs, 12.5 kg", 250),
        ("Washer M8\n| Pack content | 1000 pcs |\n| Net pack weight | 1.20 kg |", 1.2),
        ("Screws\nBox of 100 pcs: 1.5 kg", 15),
        ("Nuts\nWeight per 1000 pcs: 5.2 kg", 5.2),
        ("Sechskantmutter M8\nGewicht pro 1000 Stück: 5,2 kg", 5.2),
        ("Bolts\nPackaging: 50 pcs/carton, 12.5 kg/carton", 250),
        ("Washer\nVPE: 100\nGewicht VPE 1,2 kg", 12),
        ("Nuts\nWeight (kg/1000 pcs) | 5.2", 5.2),
        # a stated unit weight beats the derived one
        ("Bolt. Unit weight 0.26 kg.\nCarton of 50 pcs, 12.5 kg", 260),
        ("Towel\nWeight per towel: 65 g\nBales of 100 towels (bale weight 6.7 kg)", 65),
    ],
)
def test_pack_weights_are_divided_by_the_quantity(text: str, grams: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(grams, rel=1e-3)


@pytest.mark.parametrize(
    "text",
    [
        "Screws M6\nCarton weight: 12 kg",
        "Screws\nMinimum order quantity: 500 pcs\nCarton weight: 12 kg",
        "Grease\nMoisture content 12 %\nCarton weight 12 kg",
    ],
)
def test_pack_weight_without_quantity_is_not_a_unit_weight(text: str) -> None:
    assert find_unit_weight(text).grams is None


@pytest.mark.parametrize(
    "text",
    [
        "Roller\nLoad capacity | 120 kg\nMax. speed | 0.5 m/s",
        "Motor\nRated torque | 4.5 kg·cm\nStall torque 18 kg-cm",
        "Paper\nGrammage: 80 g/m²\nFabric weight 180 g/m2",
        "Transmitter\nVibration 20 g (10 ... 2000 Hz)\nShock 100 g, 11 ms",
        "Carton\nRecommended max. content weight: 25 kg",
        "Machine base\nLifting eyes | 4 x M36, 2 t WLL each\nMax. machine load | 8 t",
        "Hinge for doors that may weigh up to 12 kg",
        "Cylinder\nForza teorica in spinta | 1.870 N",
        "Hoist\nPermissible load 500 kg",
        "Cable\ncopper_index | 101 kg/km",
        "Pressure transmitter PT-420, 4-20 mA, IP67",
    ],
)
def test_numbers_that_are_not_the_weight_give_none(text: str) -> None:
    assert find_unit_weight(text).grams is None


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("Conveyor roller\nLoad capacity | 120 kg\nRoller weight | 1.6 kg", 1600),
        ("Hinge\nEach hinge weighs roughly 85 grams, for doors\nthat may weigh up to 12 kg", 85),
        ("Motor\nRated torque 4.5 kg·cm\nWeight 1.9 lb", 861.826),
        ("Machine\nMax. machine load | 8 t\n| Weight | 1.2 t |", 1_200_000),
        ("Hoist, capacity 1 t, weight 12 kg", 12_000),
    ],
)
def test_distractors_next_to_the_weight_are_ignored(text: str, grams: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(grams, rel=1e-3)


@pytest.mark.parametrize(
    "text",
    [
        "Valve\nNet weight 1.35 kg, gross weight 1.52 kg",
        "Valve\nGross weight: 1.52 kg\nNet weight: 1.35 kg",
        "Robinet\nPoids brut (emballé) : 1,52 kg\nPoids net : 1,35 kg",
        "Válvula\nPeso bruto con embalaje: 1,52 kg\nPeso neto: 1,35 kg",
        "Ventil\nBruttogewicht: 1,52 kg\nNettogewicht: 1,35 kg",
    ],
)
def test_net_weight_beats_gross(text: str) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(1350)
    assert result.confidence >= 0.8


def test_gross_weight_alone_is_used_with_low_confidence() -> None:
    result = find_unit_weight("LED driver\nShipping weight (single unit in box): 0.96 kg")
    assert result.grams == pytest.approx(960)
    assert result.confidence < 0.8


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        (
            "# BP36 battery — ordered variant: BP36-4.0\n| Variant | Weight |\n|---|---|\n"
            "| BP36-2.0 | 0.62 kg |\n| BP36-4.0 | 1.05 kg |",
            1050,
        ),
        (
            "Cable C-3x2.5\n| Type | Weight in kg |\n| C-3x1.5 | 0.12 |\n| C-3x2.5 | 0.18 |",
            180,
        ),
        (
            "Drill DD-18, tool only\nWeight (bare tool) | 3 lb 4 oz\nWeight with battery | 4 lb",
            1474.175,
        ),
    ],
)
def test_the_variant_named_in_the_title_wins(text: str, grams: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(grams, rel=1e-3)


@pytest.mark.parametrize("text", ["", "   \n", "Spec sheet without any mass, 24 V, 3 A."])
def test_no_weight_gives_none_not_a_guess(text: str) -> None:
    result = find_unit_weight(text)
    assert (result.grams, result.evidence, result.method) == (None, None, "rules")


def test_confidence_is_high_only_for_explicit_unit_weights() -> None:
    assert find_unit_weight("Bracket\nNet weight: 0.42 kg").confidence >= 0.8
    assert find_unit_weight("Bolts\nCarton of 50 pcs, 12.5 kg").confidence < 0.8


# --- shares -------------------------------------------------------------------------------


def test_normalize_shares_uses_largest_remainders() -> None:
    assert normalize_shares({"A": 1, "B": 1, "C": 1}) == {
        "A": Decimal("33.34"),
        "B": Decimal("33.33"),
        "C": Decimal("33.33"),
    }
    assert normalize_shares({"A": 2, "B": 1}) == {"A": Decimal("66.67"), "B": Decimal("33.33")}


def test_normalize_shares_always_sums_to_exactly_100() -> None:
    rng = random.Random(7)
    for _ in range(500):
        raw = {f"C{i}": rng.random() * rng.choice([1, 100, 1e6]) for i in range(rng.randint(1, 12))}
        shares = normalize_shares(raw)
        assert sum(shares.values()) == Decimal("100.00")
        assert all(share.as_tuple().exponent == -2 for share in shares.values())
        assert list(shares) == list(raw)


@pytest.mark.parametrize("raw", [{}, {"A": 0.0}, {"A": -1.0, "B": 2.0}, {"A": float("nan")}])
def test_normalize_shares_rejects_bad_input(raw: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        normalize_shares(raw)


# --- cost model ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(n for n in LABELS if not n.endswith(".png")))
async def test_cost_model_properties_on_the_corpus(name: str) -> None:
    text = corpus_text(name)
    analyzer = RulesAnalyzer()
    weight = await analyzer.extract_weight(text)
    model = await analyzer.generate_cost_model(text, CATALOGUE, weight.grams)
    parts = {share.code: share.part for share in model.parts}
    assert model.method == "rules-heuristic"
    assert sum(parts.values()) == Decimal("100.00")
    assert all(part.as_tuple().exponent == -2 and part > 0 for part in parts.values())
    assert set(parts) <= {index.code for index in CATALOGUE}
    assert Decimal(10) <= parts["FIXED"] <= Decimal(20)
    assert all(share.rationale.endswith(".") for share in model.parts)
    main = LABELS[name]["materials"][:1]
    if main and main[0] in MATERIAL_CODES:
        assert MATERIAL_CODES[main[0]] in parts, (main, parts)


def test_steel_sheet_is_mostly_steel() -> None:
    text = corpus_text("angle_bracket_ab120.txt")
    model = build_cost_model(text, CATALOGUE, 420)
    parts = {share.code: share.part for share in model.parts}
    assert max(parts, key=lambda code: parts[code]) == "STEEL"
    assert parts["STEEL"] >= 40
    assert "Structural steel S235JR" in next(s for s in model.parts if s.code == "STEEL").rationale


def test_material_share_grows_with_the_weight_class() -> None:
    text = "Bracket\nMaterial: steel S235"
    light = build_cost_model(text, CATALOGUE, 5)
    heavy = build_cost_model(text, CATALOGUE, 500_000)

    def steel(model: object) -> Decimal:
        return next(s.part for s in model.parts if s.code == "STEEL")  # type: ignore[attr-defined]

    assert steel(light) < steel(heavy)


def test_missing_catalogue_codes_are_merged() -> None:
    catalogue = [
        index for index in CATALOGUE if index.code not in {"STAINLESS_STEEL", "NATURAL_GAS"}
    ]
    text = corpus_text("centrifugal_pump_cp40.md")  # stainless steel and cast iron
    model = build_cost_model(text, catalogue, 62_500)
    codes = {share.code for share in model.parts}
    assert codes <= {index.code for index in catalogue}
    assert "STEEL" in codes and "CAST_IRON" in codes
    assert sum(share.part for share in model.parts) == Decimal("100.00")
    assert any("stainless steel: merged into STEEL" in note for note in model.notes)


def test_brass_without_its_own_index_counts_as_copper() -> None:
    model = build_cost_model("Ball valve DN15\nBody material: brass CW617N", CATALOGUE, 180)
    assert "COPPER" in {share.code for share in model.parts}
    assert any("brass: merged into COPPER" in note for note in model.notes)


def test_minimal_catalogue_and_empty_catalogue() -> None:
    minimal = [
        CatalogueIndex("MAT", "Other material", "material"),
        CatalogueIndex("FIX", "Fixed", "fixed"),
    ]
    model = build_cost_model("Bracket\nMaterial: steel", minimal, 420)
    assert {share.code for share in model.parts} == {"MAT", "FIX"}
    assert sum(share.part for share in model.parts) == Decimal("100.00")
    with pytest.raises(AnalysisError):
        build_cost_model("Bracket\nMaterial: steel", [], 420)


def test_cost_model_is_deterministic() -> None:
    text = corpus_text("dc_motor_pm24.pdf")
    assert build_cost_model(text, CATALOGUE, 861.8) == build_cost_model(text, CATALOGUE, 861.8)


def test_analyzer_name() -> None:
    assert RulesAnalyzer().name == "rules"
