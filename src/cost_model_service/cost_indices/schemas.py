"""Plain data passed out of the cost index catalogue."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CatalogueIndex:
    """One cost index an analyzer may use in a cost model."""

    code: str
    name: str
    category: str  # material / labour / energy / logistics / fixed
    description: str | None = None
