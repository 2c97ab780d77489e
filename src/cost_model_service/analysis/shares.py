"""Rounding of cost-model shares to two-decimal percentages that sum to exactly 100.00."""

import math
from decimal import Decimal

_CENT = Decimal("0.01")
_TOTAL_CENTS = 10_000  # 100.00 % expressed in hundredths of a percent


def normalize_shares(raw: dict[str, float]) -> dict[str, Decimal]:
    """Scale non-negative weights to percentages with two decimals summing to exactly 100.00.

    Largest-remainder (Hamilton) rounding: every share is first rounded down to the cent,
    then the cents still missing go to the shares that lost the most by rounding down.
    Ties go to the larger raw weight, then to the earlier key, so the result is
    deterministic. Keys keep their order; a tiny share may round to 0.00 and is kept,
    the caller decides whether to drop it.
    """
    if not raw:
        raise ValueError("no shares to normalize")
    for code, value in raw.items():
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"share {code!r} must be a finite non-negative number, got {value}")
    total = math.fsum(raw.values())
    if total <= 0:
        raise ValueError("shares sum to zero")

    exact = {code: value * _TOTAL_CENTS / total for code, value in raw.items()}
    cents = {code: math.floor(value) for code, value in exact.items()}
    missing = _TOTAL_CENTS - sum(cents.values())
    position = {code: i for i, code in enumerate(raw)}
    by_remainder = sorted(
        raw,
        key=lambda code: (-(exact[code] - cents[code]), -raw[code], position[code]),
    )
    # Float error can leave `missing` one off the share count; cycling keeps the sum exact.
    for i in range(missing):
        cents[by_remainder[i % len(by_remainder)]] += 1
    return {code: (Decimal(cents[code]) * _CENT).quantize(_CENT) for code in raw}
