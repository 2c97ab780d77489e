"""Structured-output schemas sent to the model, and the checks its answers must pass.

The JSON schemas are written out by hand: they are the contract with the model (and with
the fake server in the tests), and the cost-model one carries the catalogue codes as an
enum, which a static pydantic model cannot.
"""

import json
import math
from typing import TypeVar

from openai.types.shared_params import ResponseFormatJSONSchema
from pydantic import BaseModel, ValidationError

from cost_model_service.cost_indices.schemas import CatalogueIndex

WEIGHT_SCHEMA = "unit_weight"
COST_MODEL_SCHEMA = "cost_model"
SUM_TOLERANCE = 1.0  # percent points; normalize_shares absorbs the rest

Answer = TypeVar("Answer", bound=BaseModel)


class WeightAnswer(BaseModel):
    weight_grams: float | None
    evidence: str  # the quoted snippet, "" when the sheet states no weight
    unit_as_written: str | None


class CostPart(BaseModel):
    code: str
    part: float
    rationale: str


class CostModelAnswer(BaseModel):
    parts: list[CostPart]


def _format(name: str, schema: dict[str, object]) -> ResponseFormatJSONSchema:
    return {"type": "json_schema", "json_schema": {"name": name, "strict": True, "schema": schema}}


def weight_format() -> ResponseFormatJSONSchema:
    return _format(
        WEIGHT_SCHEMA,
        {
            "type": "object",
            "properties": {
                "weight_grams": {"type": ["number", "null"]},
                "evidence": {"type": "string"},
                "unit_as_written": {"type": ["string", "null"]},
            },
            "required": ["weight_grams", "evidence", "unit_as_written"],
            "additionalProperties": False,
        },
    )


def cost_model_format(catalogue: list[CatalogueIndex]) -> ResponseFormatJSONSchema:
    part = {
        "type": "object",
        "properties": {
            "code": {"type": "string", "enum": [index.code for index in catalogue]},
            "part": {"type": "number", "description": "percent of the price, 0-100"},
            "rationale": {"type": "string", "description": "one sentence"},
        },
        "required": ["code", "part", "rationale"],
        "additionalProperties": False,
    }
    return _format(
        COST_MODEL_SCHEMA,
        {
            "type": "object",
            "properties": {"parts": {"type": "array", "items": part}},
            "required": ["parts"],
            "additionalProperties": False,
        },
    )


def fixed_codes(catalogue: list[CatalogueIndex]) -> set[str]:
    return {i.code for i in catalogue if i.category == "fixed" or i.code == "FIXED"}


def parse_json(content: str | None, model: type[Answer]) -> tuple[Answer | None, str]:
    """(answer, "") or (None, reason). Strict mode makes malformed JSON rare, not impossible:
    a truncated answer (token limit) or a model without structured-output support."""
    try:
        return model.model_validate(json.loads(content or "")), ""
    except json.JSONDecodeError as error:
        return None, f"the answer is not valid JSON ({error.msg} at position {error.pos})"
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        return None, f"the answer does not match the schema ({problems})"


def check_cost_model(answer: CostModelAnswer, catalogue: list[CatalogueIndex]) -> list[str]:
    """Everything wrong with a cost model, as sentences the model (and a buyer) can act on."""
    known = {index.code for index in catalogue}
    errors: list[str] = []
    seen: set[str] = set()
    for p in answer.parts:
        if p.code not in known:
            errors.append(f"unknown index code '{p.code}' (allowed: {', '.join(sorted(known))})")
        if p.code in seen:
            errors.append(f"index code '{p.code}' is used more than once")
        seen.add(p.code)
        if not math.isfinite(p.part) or not 0 <= p.part <= 100:
            errors.append(f"the part of {p.code} is {p.part}, not between 0 and 100")
    if not answer.parts:
        errors.append("the model has no parts")
    fixed = fixed_codes(catalogue)
    if fixed and not any(p.code in fixed and p.part > 0 for p in answer.parts):
        errors.append(f"the fixed share ({', '.join(sorted(fixed))}) is missing")
    total = sum(p.part for p in answer.parts if math.isfinite(p.part))
    if abs(total - 100) > SUM_TOLERANCE:
        errors.append(f"the parts sum to {total:g} %, not 100 %")
    return errors
