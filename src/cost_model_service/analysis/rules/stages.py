"""A part weighed at two stages of its making: the raw casting or forging ("Rohgussgewicht
2,35 t", "raw casting weight", "poids brut de fonderie", "peso del grezzo") and the part as
delivered, machined ("Gewicht bearbeitet (Lieferzustand)", "finished weight", "poids
usiné", "peso mecanizado"). The delivered part is the article (issue 14, round V/U); a
raw weight stands only when no delivered one is stated."""

import re
from dataclasses import replace

from cost_model_service.analysis.rules.scoring import Candidate

# The unmachined blank: "Rohguss", "Rohteil", "Schmiederohteil", "raw casting", "as cast",
# "unmachined", "brut de fonderie/forge", "pièce brute", "bruto de fundición", "en bruto",
# "grezzo (di fusione)", "fuso grezzo", "Einsatzgewicht" (the input stock), "unbearbeitet",
# "ébauche", "sin mecanizar", "non lavorato" (which hold the delivered words: raw first).
_RAW = re.compile(
    r"roh(?:guss|gu[ßs]s|teil|ling|schmiede)|schmiederoh|einsatzgewicht|"
    r"\braw[ -](?:casting|forging|part|blank)|\bas[ -](?:cast|forged)\b|\bunmachined|"
    r"\bbrut(?:e|es)?[ ](?:de[ ])?(?:fonderie|forge|coulée)|pi[èe]ce[ ]brute|"
    r"\bbrut[ ]d[e'][ ]?usinage|"
    r"\b(?:bruto|en[ ]bruto)[ ]de[ ](?:fundici[óo]n|forja)|pieza[ ]en[ ]bruto|"
    r"\bgrezz[oi]\b|unbearbeitet|[ée]bauche|sin[ ]mecanizar|non[ ]lavorat[oa]",
    re.IGNORECASE,
)
# The part as delivered or finished: "bearbeitet", "Lieferzustand", "Fertig(teil)gewicht",
# "machined", "finished", "as delivered", "usiné", "fini", "état de livraison",
# "mecanizad[oa]", "terminad[oa]", "estado de entrega", "lavorato", "finito", "fornitura".
_DELIVERED = re.compile(
    r"bearbeitet|lieferzustand|fertig(?:teil)?gewicht|\bmachined|\bfinished|"
    r"\bas[ -]delivered|\busin[ée]e?\b|\bfinie?\b|[ée]tat[ ]de[ ]livraison|"
    r"mecanizad[oa]|terminad[oa]|estado[ ]de[ ]entrega|lavorat[oa]|\bfinit[oa]\b|"
    r"stato[ ]di[ ]fornitura",
    re.IGNORECASE,
)
_DROP = 15  # below the delivered part's statement of the same kind, above a gross weight


def by_stage(candidates: list[Candidate]) -> list[Candidate]:
    """Raw-stage weights rank below the delivered part's, when the sheet states that."""
    raw = [bool(_RAW.search(c.context.words)) for c in candidates]
    delivered = any(
        _DELIVERED.search(c.context.words) and not is_raw
        for c, is_raw in zip(candidates, raw, strict=True)
    )
    if not delivered:
        return candidates
    return [
        replace(c, score=c.score - _DROP) if is_raw else c
        for c, is_raw in zip(candidates, raw, strict=True)
    ]
