"""schema.graphql is the published contract: it must be exactly what the code exports."""

from pathlib import Path

from graphql import GraphQLEnumType, GraphQLField, GraphQLObjectType, build_schema

from cost_model_service.cli import SCHEMA_FILE, exported_schema, main


def test_schema_file_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text() == exported_schema(), "run `uv run cms export-schema`"


def test_export_schema_check_fails_on_drift(tmp_path: Path) -> None:
    stale = tmp_path / "schema.graphql"
    stale.write_text("type Query { old: String }\n")
    assert main(["export-schema", "--check", "--output", str(stale)]) == 1
    assert main(["export-schema", "--output", str(stale)]) == 0
    assert main(["export-schema", "--check", "--output", str(stale)]) == 0


def _signature(field: GraphQLField) -> str:
    args = ", ".join(f"{name}: {arg.type}" for name, arg in field.args.items())
    return f"({args}): {field.type}"


def test_contract_names_are_present() -> None:
    """Names and types only: descriptions may change the printed text freely."""
    schema = build_schema(exported_schema())
    mutation, subscription, query = (
        schema.mutation_type,
        schema.subscription_type,
        schema.query_type,
    )
    assert mutation and subscription and query
    assert _signature(mutation.fields["analyzeArticle"]) == (
        "(articleName: String!, description: String, productSpecification: Upload!, "
        "drawing: Upload): Article!"
    )
    assert _signature(subscription.fields["articleStatus"]) == "(id: ID!): ArticleStatus!"
    stage = schema.get_type("ProcessingStage")
    assert isinstance(stage, GraphQLEnumType)
    assert list(stage.values) == [
        "QUEUED",
        "EXTRACTING_TEXT",
        "EXTRACTING_METADATA",
        "GENERATING_COST_MODEL",
        "SAVING",
        "DONE",
    ]
    assert str(query.fields["costIndices"].type) == "[CostIndex!]!"


def test_every_type_field_and_argument_is_described() -> None:
    """GraphiQL's docs pane and Apollo's codegen show these: none may be missing."""
    schema = build_schema(exported_schema())
    missing = []
    for name, named in schema.type_map.items():
        if name.startswith("__") or name in ("String", "Int", "Float", "Boolean", "ID"):
            continue
        if not named.description:
            missing.append(name)
        if isinstance(named, GraphQLObjectType):
            for field_name, field in named.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                missing += [
                    f"{name}.{field_name}({arg})"
                    for arg, value in field.args.items()
                    if not value.description
                ]
        if isinstance(named, GraphQLEnumType):
            missing += [f"{name}.{value}" for value, v in named.values.items() if not v.description]
    assert missing == []
