"""The catalogue of cost indices a cost model is split into (steel, labour, freight, ...)."""

import uuid
from enum import StrEnum

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from cost_model_service.db import StrEnumColumn


class CostIndexCategory(StrEnum):
    material = "material"
    labour = "labour"
    energy = "energy"
    logistics = "logistics"
    fixed = "fixed"


class CostIndex(SQLModel, table=True):
    __tablename__ = "cost_index"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    code: str = Field(sa_type=String(64), unique=True)
    name: str = Field(sa_type=String(255))
    category: CostIndexCategory = Field(sa_type=StrEnumColumn(CostIndexCategory, 16))
    unit: str | None = Field(default=None, sa_type=String(64))
    description: str | None = None
    # Where the index is published, e.g. a BLS PPI series id or a Eurostat dataset code.
    source_reference: str | None = Field(default=None, sa_type=String(255))
