"""Plain data passed into the cost models service."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass
class CostModelShare:
    code: str  # a catalogue code
    part: Decimal  # percent, two decimals; the shares of one model sum to exactly 100.00
    rationale: str = ""
