"""Materials named in a spec sheet (en, de, fr, es, it), found by keyword."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Material:
    key: str
    label: str
    codes: tuple[str, ...]  # catalogue codes it maps to, preferred first
    hint: str  # matched against catalogue code/name when none of the codes exists
    fallback: str | None  # material key to merge into when the catalogue has no index
    pattern: re.Pattern[str]


def _m(key: str, label: str, codes: tuple[str, ...], hint: str, fallback: str | None,
       *words: str) -> Material:  # fmt: skip
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(words) + r")", re.IGNORECASE)
    return Material(key, label, codes, hint, fallback, pattern)


# Order matters: each match is masked before later patterns run, so "stainless steel"
# is not also steel and "glass-fibre reinforced polyamide" is not glass.
MATERIALS = [
    _m("lithium", "lithium-ion cells", ("LITHIUM", "BATTERY_CELLS", "BATTERIES"),
       r"lithium|batter", "electronics",
       r"lithium", r"li-ion", r"li-po", r"lipo\b", r"lifepo4", r"18650\b", r"21700\b"),
    _m("electronics", "electronics", ("ELECTRONICS",), r"electronic", None,
       r"electronic", r"pcb\b", r"printed circuit", r"circuit board", r"fr-?4\b",
       r"microcontroller", r"semiconductor", r"led driver", r"elektronik", r"[ée]lectroni",
       r"elettronic", r"leiterplatte", r"controller", r"dali\b"),
    _m("plastics", "plastics", ("PLASTICS",), r"plastic|polymer", None,
       r"glass[- ]?fib(?:re|er)", r"glasfaser", r"fibre de verre", r"fibra de vidrio",
       r"fibra di vetro", r"gfk\b"),
    _m("stainless_steel", "stainless steel", ("STAINLESS_STEEL", "STAINLESS"), r"stainless",
       "steel", r"stainless(?:[- ]steel)?", r"(?:acier|acero|acciaio)\s+ino\w*", r"inox\w*",
       r"edelstahl", r"rostfreie?r? stahl", r"nichtrostende?r? stahl", r"rostfrei",
       r"nichtrostend", r"1\.4[0-9]{3}\b", r"(?:aisi|ss|sus)\s*3[0-9]{2}", r"3[01][046]l\b",
       r"v[24]a\b", r"cf8m?\b"),
    _m("cast_iron", "cast iron", ("CAST_IRON",), r"cast iron|iron", "steel",
       r"cast iron", r"gr[ae]y iron", r"ductile iron", r"nodular", r"en-gj[lsmv]",
       r"gj[ls]-", r"gusseisen", r"grauguss", r"sph[äa]roguss", r"guss\b",
       r"fonte(?! d'alu)", r"fundici[oó]n(?! de alu)", r"ghisa"),
    _m("aluminium", "aluminium", ("ALUMINIUM", "ALUMINUM"), r"alumin", None,
       r"alumin", r"alluminio", r"alu\b", r"alsi", r"almg", r"en a[cw]-", r"anodi[sz]",
       r"anodizzat"),
    _m("brass", "brass", ("BRASS",), r"brass", "copper",
       r"brass", r"messing", r"laiton", r"lat[oó]n", r"ottone", r"cuzn"),
    _m("copper", "copper", ("COPPER",), r"copper", None,
       r"copper", r"kupfer", r"cuivre", r"cobre", r"rame\b", r"cu-etp", r"winding"),
    _m("zinc", "zinc die-casting", ("ZINC",), r"zinc", None,
       r"zinc die-?cast", r"die-?cast zinc", r"zamak", r"zinkdruckguss", r"zinc alloy"),
    _m("steel", "steel", ("STEEL", "CARBON_STEEL"), r"steel", None,
       r"steel", r"\w*stahl", r"acier", r"acero", r"acciaio", r"s235", r"s355", r"c45\b",
       r"16mncr5", r"42crmo4", r"dc0[1-6]\b", r"st37", r"st52"),
    _m("plastics", "plastics", ("PLASTICS",), r"plastic|polymer", None,
       r"plastic", r"kunststoff", r"plastique", r"pl[aá]stic", r"abs\b", r"polyamid",
       r"poliamid", r"nylon", r"pa ?6", r"pa ?12", r"pvc\b", r"polyvinyl", r"polyethyl",
       r"polietilen", r"[hl]dpe\b", r"polypropyl", r"polipropilen", r"pp\b(?!\.)",
       r"polycarbonat", r"policarbonat", r"pom\b", r"acetal", r"ptfe", r"peek\b", r"pbt\b",
       r"pmma", r"polyurethan", r"poliuretan", r"tpe\b", r"tpu\b", r"epox", r"resin"),
    _m("rubber", "rubber", ("RUBBER",), r"rubber|elastomer", "plastics",
       r"rubber", r"gummi", r"caoutchouc", r"caucho", r"gomma", r"epdm", r"nbr\b", r"fkm\b",
       r"viton", r"silicone", r"silikon", r"neopren", r"elastomer"),
    _m("glass", "glass", ("GLASS",), r"glass", None,
       r"glass", r"\w*glas\b", r"verre", r"vidrio", r"vetro", r"esg\b", r"vsg\b",
       r"borosilicat"),
    _m("paper", "paper and board", ("PAPER", "CARDBOARD", "PULP"), r"paper|board|pulp", None,
       r"paper", r"cardboard", r"corrugated", r"kraft ?(?:liner|paper|papier|sack)",
       r"brown kraft", r"testliner", r"fluting", r"fefco",
       r"wellpappe", r"pappe\b", r"papier", r"papel", r"carta\b", r"cartone ondulato",
       r"carton ondul"),
    _m("textiles", "textiles", ("TEXTILES", "COTTON"), r"textile|cotton|fabric", None,
       r"cotton", r"baumwolle", r"coton", r"algod[oó]n", r"cotone", r"textil", r"fabric",
       r"gewebe", r"tissu", r"tejido", r"tessuto", r"twill", r"woven", r"linen", r"wool"),
    _m("wood", "wood", ("WOOD", "TIMBER"), r"wood|timber", None,
       r"wood", r"holz", r"bois\b", r"madera", r"legno", r"plywood"),
    _m("ceramics", "ceramics", ("CERAMICS", "CERAMIC"), r"ceramic", None,
       r"cerami", r"keramik", r"c[ée]rami", r"al2o3", r"porcelain", r"porzellan"),
]  # fmt: skip

# How much a line says about what the article is made of: a "Material:" line or a row of
# a materials table is strong, a spec row naming a component medium, prose weak
# ("for closing steel tubes" in an ABS end cap's description), seals and finishes weak.
_MATERIAL_LABEL = re.compile(
    r"material|werkstoff|mat[ée]ria|construction|aufbau|composition|made (?:of|from)",
    re.IGNORECASE,
)
_COMPONENT = re.compile(
    r"housing|casing|case\b|body|frame|shell|gear|shaft|sheath|conductor|insulation|"
    r"geh[äa]use|corps|cuerpo|corpo|carcasa|camicia|stelo|testat",
    re.IGNORECASE,
)
_MINOR = re.compile(
    r"seal|gasket|o-ring|screws|coating|finish|paint|plated|plating|primer|lacquer|"
    r"dichtung|schrauben|lack|joint|junta|guarni|imprimaci|peinture|vernice",
    re.IGNORECASE,
)
_MIN_RELATIVE = 0.35  # materials scoring below 35 % of the main one are incidental
_MAX_MATERIALS = 4


@dataclass
class Found:
    material: Material
    score: int = 0
    example: str = ""
    example_weight: int = 0


def detect_materials(text: str) -> list[Found]:
    """Materials by weight of evidence, strongest first; incidental ones dropped."""
    found: dict[str, Found] = {}
    section = 0  # lines left in a "Materials" section
    for index, line in enumerate(text.splitlines()[:5000]):
        if not line.strip():
            continue
        weight, section = _line_weight(line, index == 0, section)
        masked = line
        for material in MATERIALS:
            if material.pattern.search(masked):  # once per line: "steel 1.4301" is one hint
                entry = found.setdefault(material.key, Found(material))
                entry.score += weight
                if weight > entry.example_weight:
                    entry.example, entry.example_weight = line.strip()[:100], weight
                masked = material.pattern.sub(lambda m: " " * len(m.group(0)), masked)
    ranked = sorted(found.values(), key=lambda f: -f.score)
    top = ranked[0].score if ranked else 0
    return [f for f in ranked if f.score >= _MIN_RELATIVE * top][:_MAX_MATERIALS]


def _line_weight(line: str, is_title: bool, section: int) -> tuple[int, int]:
    """(evidence weight of the line, material-section lines left after it)."""
    stripped = line.strip().lstrip("#").strip()
    if _MATERIAL_LABEL.search(stripped) and len(stripped) <= 40 and ":" not in stripped[:-1]:
        return 3, 8  # a heading like "## Materials": the lines below list them
    if line.lstrip().startswith("#"):
        section = 0  # the next heading ends the section
    if is_title or _MATERIAL_LABEL.search(line):
        return 3, max(section - 1, 0)
    if _MINOR.search(re.split(r"[:|]", line.strip().strip("|"))[0]):
        return 1, max(section - 1, 0)  # the row is about a seal or finish, not the body
    if section:
        return 3, section - 1
    spec_row = ("|" in line or ":" in line) and len(line) < 100
    return (2 if spec_row or _COMPONENT.search(line) else 1), 0
