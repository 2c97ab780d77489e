"""An article's cost model: one row per cost index, parts in percent summing to 100."""

import uuid
from decimal import Decimal

from sqlalchemy import Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel


class CostModelPart(SQLModel, table=True):
    __tablename__ = "cost_model_part"
    __table_args__ = (UniqueConstraint("article_id", "cost_index_id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    article_id: uuid.UUID = Field(foreign_key="article.id", ondelete="CASCADE", index=True)
    cost_index_id: uuid.UUID = Field(foreign_key="cost_index.id", ondelete="RESTRICT")
    part: Decimal = Field(sa_type=Numeric(5, 2))  # percent
    rationale: str | None = None
