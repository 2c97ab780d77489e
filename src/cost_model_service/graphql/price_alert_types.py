"""GraphQL types of price alerts: their state, and the event a firing delivers."""

from decimal import Decimal

import strawberry

from cost_model_service.graphql.enums import described_enum
from cost_model_service.price_alerts.feed import AlertFired, AlertState
from cost_model_service.price_alerts.models import PriceAlert as AlertRow
from cost_model_service.price_alerts.models import PriceAlertKind as AlertKindValue

PriceAlertKind = described_enum(
    AlertKindValue,
    "What an alert watches.",
    {
        "MOVE_FROM_BASE": "(factor - 1) · 100 at the newest month for which every bound index "
        "has a value at its reference period (nothing carried forward): how "
        "far the modelled price moved from P0.",
        "DRIFT_FROM_PAID": "(paid - modelled) / modelled · 100 at the newest paid month, on the "
        "unrounded modelled price: how far the price paid drifts from the "
        "model.",
    },
)


@strawberry.type(
    description="An alert on one article's price, and its state: it fires when "
    "|percent| reaches the threshold from below and re-arms once it falls under "
    "threshold - 1."
)
class PriceAlert:
    id: strawberry.ID = strawberry.field(description="The alert's id.")
    article_id: strawberry.ID = strawberry.field(description="The article it watches.")
    kind: PriceAlertKind = strawberry.field(  # type: ignore[valid-type]
        description="What it watches."
    )
    threshold_percent: Decimal = strawberry.field(
        description="Fires when |percent| reaches this (1 to 1000, 2 decimals)."
    )
    triggered: bool = strawberry.field(
        description="Fired and not re-armed yet (re-arms under threshold - 1)."
    )
    last_percent: Decimal | None = strawberry.field(
        description="The last reading, rounded to 2 decimals; null when there was nothing "
        "to read (no price basis, no values, no paid price, a base value missing)."
    )
    last_period: str | None = strawberry.field(
        description="The month (YYYY-MM) of the last reading; null with lastPercent."
    )

    @classmethod
    def from_state(cls, state: AlertState) -> "PriceAlert":
        return cls(
            id=strawberry.ID(str(state.id)),
            article_id=strawberry.ID(str(state.article_id)),
            kind=state.kind,
            threshold_percent=state.threshold_percent,
            triggered=state.triggered,
            last_percent=state.last_percent,
            last_period=state.last_period,
        )

    @classmethod
    def from_row(cls, row: AlertRow) -> "PriceAlert":
        return cls.from_state(AlertState.from_row(row))


@strawberry.type(description="An alert that fired: what the priceAlerts subscription delivers.")
class PriceAlertEvent:
    alert: PriceAlert = strawberry.field(
        description="The alert, as it stood when it fired (when delivered live) or as it "
        "stands now (when caught up from the database)."
    )
    period: str = strawberry.field(description="The month (YYYY-MM) of the reading that fired.")
    percent: Decimal = strawberry.field(description="The reading, rounded to 2 decimals.")
    modelled_price: Decimal = strawberry.field(
        description="P0 · factor in that month, rounded half-up to 2 decimals."
    )
    paid_price: Decimal | None = strawberry.field(
        description="What was paid in that month; null when nothing was recorded for it."
    )
    sequence: int = strawberry.field(
        description="1, 2, 3, ... per tenant, in the order the alerts fired: pass the last "
        "one seen as priceAlerts(after:) when reconnecting, to receive what fired meanwhile."
    )

    @classmethod
    def from_event(cls, event: AlertFired) -> "PriceAlertEvent":
        return cls(
            alert=PriceAlert.from_state(event.alert),
            period=event.period,
            percent=event.percent,
            modelled_price=event.modelled_price,
            paid_price=event.paid_price,
            sequence=event.sequence,
        )
