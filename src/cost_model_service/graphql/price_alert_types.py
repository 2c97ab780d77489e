"""GraphQL types of price alerts: their state, and the event a firing delivers."""

from decimal import Decimal

import strawberry

from cost_model_service.price_alerts.models import PriceAlert as AlertRow
from cost_model_service.price_alerts.models import PriceAlertKind as AlertKindValue
from cost_model_service.price_alerts.service import FiredAlert

PriceAlertKind = strawberry.enum(AlertKindValue, name="PriceAlertKind")


@strawberry.type
class PriceAlert:
    id: strawberry.ID
    article_id: strawberry.ID
    kind: PriceAlertKind  # type: ignore[valid-type]
    threshold_percent: Decimal
    triggered: bool
    last_percent: Decimal | None
    last_period: str | None

    @classmethod
    def from_row(cls, row: AlertRow) -> "PriceAlert":
        return cls(id=strawberry.ID(str(row.id)), article_id=strawberry.ID(str(row.article_id)),
                   kind=row.kind, threshold_percent=row.threshold_percent,
                   triggered=row.triggered, last_percent=row.last_percent,
                   last_period=row.last_period)


@strawberry.type
class PriceAlertEvent:
    """What the priceAlerts subscription delivers when an alert fires."""

    alert: PriceAlert
    period: str
    percent: Decimal
    modelled_price: Decimal
    paid_price: Decimal | None

    @classmethod
    def from_fired(cls, fired: FiredAlert) -> "PriceAlertEvent":
        event = fired.event
        return cls(alert=PriceAlert.from_row(fired.alert), period=event.period,
                   percent=event.percent, modelled_price=event.modelled_price,
                   paid_price=event.paid_price)
