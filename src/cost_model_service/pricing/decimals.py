"""Exact decimal helpers: checking decimals that come in, rounding those that go out.

Nothing here ever touches a float. Values go out without exponents ("0.496", never
"4.96E-1"), because strawberry's Decimal scalar serializes with str().
"""

from decimal import ROUND_HALF_UP, Decimal, localcontext

from cost_model_service.errors import BadUserInput

CENT = Decimal("0.01")
# Divisions (ratios, drift) are the only inexact steps; 40 significant digits leave
# rounding to the last, documented, step.
PRECISION = 40
RATIO_PLACES = 8
AMOUNT_PLACES = 6


def checked(
    value: Decimal, what: str, *, places: int, max_digits: int = 12, positive: bool = True
) -> Decimal:
    """A finite decimal with at most `places` decimals and `max_digits` integer digits (and
    above zero when `positive`), in plain notation; else BAD_USER_INPUT naming `what`."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise BadUserInput(f"{what} must be a finite decimal number")
    if positive and value <= 0:
        raise BadUserInput(f"{what} must be above zero, not {_short(value)}")
    if value.adjusted() >= max_digits:
        raise BadUserInput(f"{what} {_short(value)} is too large")
    if value.as_tuple().exponent < -places:  # type: ignore[operator]
        rounded = (
            value.quantize(Decimal(1).scaleb(-places)) if value.adjusted() > -places else Decimal(0)
        )
        if rounded != value:
            raise BadUserInput(f"{what} {_short(value)} has more than {places} decimal places")
        value = rounded
    return plain(value)


def _short(value: Decimal) -> str:
    """For messages: as given, but never a million digits (1E-999999 stays 1E-999999)."""
    text = str(value)
    return text if len(text) <= 40 else f"{value:.6E}"


def plain(value: Decimal) -> Decimal:
    """The same number without an exponent (1E+2 -> 100), keeping given decimals."""
    if value.as_tuple().exponent > 0:  # type: ignore[operator]
        return value.quantize(Decimal(1))
    return value


def money(value: Decimal) -> Decimal:
    """Prices: half-up to 2 decimals, always 2 (12.865 -> 12.87, 13.4 -> 13.40)."""
    with localcontext(prec=PRECISION):
        return value.quantize(CENT, rounding=ROUND_HALF_UP)


def percent(value: Decimal) -> Decimal:
    """Percents: half-up to 2 decimals, always 2."""
    return money(value)


def tidy(value: Decimal, places: int) -> Decimal:
    """Half-up to `places` decimals, trailing zeros dropped (1.03750000 -> 1.0375)."""
    with localcontext(prec=PRECISION):
        rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if not rounded:
        return Decimal(0)
    return plain(rounded.normalize())
