"""One row per article, as JSON lines or CSV (by the file's suffix); JSON lines on stdout
when no file is named."""

import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FIELDS = [
    "file",
    "article_id",
    "status",
    "unit_weight_kg",
    "weight_evidence",
    "cost_model",
    "error",
]


def row(file: str, node: dict[str, Any]) -> dict[str, Any]:
    extraction = node.get("weightExtraction") or {}
    return {
        "file": file,
        "article_id": node["id"],
        "status": node["processingStatus"],
        "unit_weight_kg": node.get("unitWeight"),
        "weight_evidence": extraction.get("evidence"),
        "cost_model": {part["index"]["code"]: part["part"] for part in node.get("costModel", [])},
        "error": node.get("processingError"),
    }


def write(rows: Sequence[dict[str, Any]], out: Path | None) -> None:
    if out is not None and out.suffix.lower() == ".csv":
        with out.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS)
            writer.writeheader()
            for item in rows:
                parts = "; ".join(f"{code} {part:g}" for code, part in item["cost_model"].items())
                writer.writerow({**item, "cost_model": parts})
        return
    lines = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in rows)
    if out is None:
        sys.stdout.write(lines)
    else:
        out.write_text(lines, encoding="utf-8")
