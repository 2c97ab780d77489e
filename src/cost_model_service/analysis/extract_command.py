"""`cms extract FILE`: read one file and print what the analysis finds, no server needed."""

import asyncio
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from cost_model_service.analysis.base import AnalysisError
from cost_model_service.analysis.factory import build_analyzer
from cost_model_service.analysis.inputs import read_upload
from cost_model_service.config import Settings
from cost_model_service.cost_indices.catalogue import DEFAULT_CATALOGUE


async def analyze_file(path: Path, settings: Settings, *, cost_model: bool) -> dict[str, Any]:
    data = await asyncio.to_thread(path.read_bytes)
    text = await read_upload(settings, path.name, None, data)
    analyzer = build_analyzer(settings)
    weight = await analyzer.extract_weight(text)
    result: dict[str, Any] = {
        "file": str(path),
        "analyzer": analyzer.name,
        "unit_weight_grams": weight.grams,
        "method": weight.method,
        "evidence": weight.evidence,
        "confidence": weight.confidence,
    }
    usage = [weight.usage] if weight.usage else []
    if cost_model:
        model = await analyzer.generate_cost_model(text, DEFAULT_CATALOGUE, weight.grams)
        result["cost_model_method"] = model.method
        result["cost_model"] = [
            {"code": p.code, "part": float(p.part), "rationale": p.rationale} for p in model.parts
        ]
        usage += [model.usage] if model.usage else []
    if usage:
        result["llm_usage"] = [asdict(u) for u in usage]
    return result


def print_human(result: dict[str, Any]) -> None:
    grams = result["unit_weight_grams"]
    print(f"{result['file']}")
    print(
        f"  unit weight: {'none found' if grams is None else f'{grams:g} g'}"
        f"  ({result['method']}, confidence {result['confidence']:.2f})"
    )
    if result["evidence"]:
        print(f"  evidence:    {result['evidence']!r}")
    for part in result.get("cost_model", []):
        print(f"  {part['part']:6.2f} %  {part['code']:<16} {part['rationale']}")


def run(path: Path, settings: Settings, *, as_json: bool, cost_model: bool) -> int:
    try:
        result = asyncio.run(analyze_file(path, settings, cost_model=cost_model))
    except (AnalysisError, OSError) as error:
        message = getattr(error, "message", None) or str(error)
        print(json.dumps({"file": str(path), "error": message}) if as_json else f"error: {message}")
        return 1
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print_human(result)
    return 0
