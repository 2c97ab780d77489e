"""An option's weight stated relative to the base model ("+0,35 kg rispetto alla versione
base", "brake adds 0.9 kg"): added to the base weight when the order names the option,
otherwise the base weight stands; the added weight alone is never the article's (issue
14, round V/U). Fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # it flattened JSON: the option's code ends the configured code.
        ("configurazione: MR-63-P con piedini\nordine: 77, pos. 2\nserie.MR-63.peso_kg: 5.2\n"
         "opzioni.P.descrizione: piedini di fissaggio\nopzioni.P.peso: +0,4 kg\n", 5600),
        # en table: the option's words in the order line.
        ("# Stepper ST57 - order extract\n**Ordered: ST57-E (with encoder), qty 4**\n"
         "| Parameter | ST57 | Option -E |\n|---|---|---|\n"
         "| Weight | 1.1 kg (without encoder) | encoder adds 0.15 kg |\n", 1250),
        # de key/value, "zusätzlich".
        ("Bestellung: Pumpe KP-20-H mit Heizmantel\nGewicht Grundausführung: 12,5 kg\n"
         "Heizmantel: zusätzlich 2,5 kg\n", 15000),
        # fr table.
        ("Commande : vérin VC-40-A avec amortisseur\nCaractéristique | Valeur\n"
         "Poids version de base | 2,4 kg\nAmortisseur | +0,3 kg\n", 2700),
        # es.
        ("Pedido: motor MT-90-F con freno\nPeso (versión base) | 8,2 kg\n"
         "Freno | añade 1,1 kg\n", 9300),
    ],
)  # fmt: skip
def test_an_ordered_option_is_added_to_the_base(text: str, expected: float) -> None:
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(expected)
    assert result.confidence < 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The option is not ordered: the base weight, not the added 0.15 kg.
        ("Stepper ST57 - order extract\nOrdered: ST57 (without encoder), qty 4\n"
         "| Parameter | ST57 | Option -E |\n|---|---|---|\n"
         "| Weight | 1.1 kg | encoder adds 0.15 kg |\n", 1100),
        # Offered on request, not ordered: the option's own line is no order.
        ("Motor MT-90\nPeso: 8,2 kg\nVersión con freno bajo pedido: el freno añade 1,1 kg.\n",
         8200),
        # "additional" in a label is no added weight.
        ("Drill DR-18\nWeight incl. additional battery: 2.1 kg\n", 2100),
        # A tolerance is no added weight.
        ("Pump KP-20\nWeight: 12.5 kg ± 0.3 kg\n", 12500),
    ],
)  # fmt: skip
def test_no_option_added_when_not_ordered(text: str, expected: float) -> None:
    assert find_unit_weight(text).grams == pytest.approx(expected)
