"""Repeated documents: parsed and validated once, while every limit still refuses each
document past it, every time it comes (in process, the real schema and extensions)."""

from cost_model_service.config import Settings
from cost_model_service.graphql import validation
from cost_model_service.graphql.schema import build_schema

DEEP = "{ articles { edges { node { costModel { index { code } } } } } }"  # depth 5


def _schema(**limits: int):  # type: ignore[no-untyped-def]
    return build_schema(Settings.model_construct(**limits))


async def test_a_valid_document_is_remembered_and_an_invalid_one_never() -> None:
    schema = _schema()
    assert (await schema.execute("{ __typename }")).errors is None
    assert any(key[1] == "{ __typename }" for key in validation._valid)
    for _ in range(2):
        result = await schema.execute("{ noSuchField }")
        assert result.errors and "noSuchField" in result.errors[0].message
    assert not any(key[1] == "{ noSuchField }" for key in validation._valid)


async def test_limits_still_refuse_a_document_another_schema_accepted() -> None:
    """The cache is per schema and rules: a document valid under wider limits is refused
    under tighter ones, every time."""
    wide, tight = _schema(graphql_max_depth=10), _schema(graphql_max_depth=4)
    assert not any(
        "maximum operation depth" in e.message for e in (await wide.execute(DEEP)).errors or []
    )
    for _ in range(2):
        errors = (await tight.execute(DEEP)).errors or []
        assert any("maximum operation depth of 4" in e.message for e in errors), errors


async def test_a_document_over_the_token_limit_is_refused_every_time() -> None:
    schema = _schema(graphql_max_tokens=10)
    document = "{ __typename a: __typename b: __typename c: __typename }"
    for _ in range(2):
        errors = (await schema.execute(document)).errors or []
        assert errors and "token" in errors[0].message.lower(), errors


async def test_a_parsed_document_is_remembered_and_a_syntax_error_reported_each_time() -> None:
    schema = _schema()
    assert (await schema.execute("{ __typename }")).errors is None
    assert any(key[0] == "{ __typename }" for key in validation._parsed)
    for _ in range(2):
        errors = (await schema.execute("{ __typename ( }")).errors or []
        assert errors and errors[0].message.startswith("Syntax Error"), errors
