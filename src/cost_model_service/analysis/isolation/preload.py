"""What the fork server imports, and builds once, before it forks the pool's processes:
each then starts with the parsers imported (child.py) and with what the rules analyzer
builds lazily (pint's unit registry: 0.1-0.5 s) already built. A process is replaced every
TASKS_PER_PROCESS tasks; without this its first article waited for the registry."""

import logging

from cost_model_service.analysis.isolation import child  # noqa: F401  (the parsers)
from cost_model_service.analysis.rules import build_cost_model, find_unit_weight
from cost_model_service.cost_indices.catalogue import DEFAULT_CATALOGUE

_SAMPLE = "Angle bracket AB-120\nMaterial: galvanised steel S235\nNet weight: 0.42 kg\n"


def _warm_up() -> None:
    try:
        weight = find_unit_weight(_SAMPLE)
        build_cost_model(_SAMPLE, DEFAULT_CATALOGUE, weight.grams)
    except Exception:  # a failure here must not stop the fork server: the work is redone
        logging.getLogger(__name__).warning("warming the rules analyzer up failed", exc_info=True)


_warm_up()
