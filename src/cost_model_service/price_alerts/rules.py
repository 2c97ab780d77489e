"""What an alert reads and when it fires. Pure: exact decimals, no I/O.

- MOVE_FROM_BASE: (factor - 1) · 100 at the newest month for which every bound index has a
  value at its reference period (nothing carried forward).
- DRIFT_FROM_PAID: (paid - modelled) / modelled · 100 at the newest paid month, on the
  unrounded modelled price.

An alert fires when |percent| reaches the threshold from below and re-arms once it falls
under threshold - 1, so a value hovering at the threshold does not fire again and again.
"""

from dataclasses import dataclass
from decimal import Decimal, localcontext

from cost_model_service.errors import BadUserInput
from cost_model_service.index_series.periods import Period
from cost_model_service.price_alerts.models import PriceAlertKind
from cost_model_service.pricing.decimals import PRECISION, money, percent
from cost_model_service.pricing.projection import (
    ProjectionInputs,
    newest_complete_month,
    project_month,
)

REARM_MARGIN = Decimal(1)


@dataclass(frozen=True)
class Reading:
    period: Period
    percent: Decimal  # rounded to 2 decimals
    modelled_price: Decimal  # P0 · factor, rounded like prices
    paid_price: Decimal | None


def read(kind: PriceAlertKind, inputs: ProjectionInputs | None) -> Reading | None:
    """The alert's current reading; None when there is nothing to read yet (no basis, no
    bound index with values, no paid price, a base value missing)."""
    if inputs is None or not inputs.parts:
        return None
    if kind is PriceAlertKind.MOVE_FROM_BASE:
        month = newest_complete_month(inputs)
    else:
        month = max(inputs.paid, default=None)
    if month is None:
        return None
    try:
        point = project_month(inputs, month)
    except BadUserInput:
        return None
    paid = inputs.paid.get(month)
    with localcontext(prec=PRECISION):
        if kind is PriceAlertKind.MOVE_FROM_BASE:
            value = (point.factor - 1) * 100
        else:
            assert paid is not None
            if not point.modelled:
                return None
            value = (paid - point.modelled) / point.modelled * 100
    return Reading(month, percent(value), money(point.modelled), paid)


def transition(triggered: bool, threshold: Decimal, reading: Decimal) -> tuple[bool, bool]:
    """(triggered afterwards, fired now)."""
    size = abs(reading)
    if not triggered and size >= threshold:
        return True, True
    if triggered and size < threshold - REARM_MARGIN:
        return False, False
    return triggered, False
