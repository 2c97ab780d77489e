"""schema.graphql is the published contract: it must be exactly what the code exports."""

from pathlib import Path

from cost_model_service.cli import SCHEMA_FILE, exported_schema, main


def test_schema_file_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text() == exported_schema(), "run `uv run cms export-schema`"


def test_export_schema_check_fails_on_drift(tmp_path: Path) -> None:
    stale = tmp_path / "schema.graphql"
    stale.write_text("type Query { old: String }\n")
    assert main(["export-schema", "--check", "--output", str(stale)]) == 1
    assert main(["export-schema", "--output", str(stale)]) == 0
    assert main(["export-schema", "--check", "--output", str(stale)]) == 0


def test_contract_names_are_present() -> None:
    text = exported_schema()
    for fragment in (
        "analyzeArticle(articleName: String!, description: String = null, "
        "productSpecification: Upload!, drawing: Upload = null): Article!",
        "articleStatus(id: ID!): ArticleStatus!",
        "enum ProcessingStage {\n  QUEUED\n  EXTRACTING_TEXT\n  EXTRACTING_METADATA\n"
        "  GENERATING_COST_MODEL\n  SAVING\n  DONE\n}",
        "costIndices: [CostIndex!]!",
    ):
        assert fragment in text
