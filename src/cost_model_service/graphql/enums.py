"""Domain enums exposed to GraphQL as they are (one definition), with descriptions.

`strawberry.enum` takes a description for the type but none for its values unless the
enum's members are `strawberry.enum_value(...)`, which a model enum stored in PostgreSQL
must not be; so the values' descriptions are set on the definition strawberry builds.
"""

from enum import Enum
from typing import TypeVar

import strawberry

E = TypeVar("E", bound=type[Enum])


def described_enum(enum: E, description: str, values: dict[str, str]) -> E:
    """Register `enum` with GraphQL, describing it and each of its members (all of them:
    a member without a description is a mistake, raised at import)."""
    if missing := {member.name for member in enum} - set(values):
        raise ValueError(f"{enum.__name__}: no description for {sorted(missing)}")
    strawberry.enum(enum, description=description)
    for value in enum.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = values[value.name]
    return enum
