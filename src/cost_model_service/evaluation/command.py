"""`cms eval CORPUS_DIR`: the thin shell around `evaluate` (progress bar, output, exit)."""

import asyncio
import json
import sys
from pathlib import Path

from tqdm import tqdm

from cost_model_service.analysis.isolation import close_all
from cost_model_service.config import AnalyzerChoice, Settings
from cost_model_service.evaluation.corpus import CorpusError, load_labels
from cost_model_service.evaluation.runner import evaluate


def run(corpus: Path, settings: Settings, *, as_json: bool) -> int:
    if settings.analyzer is AnalyzerChoice.openai and not settings.openai_api_key:
        # Every sheet would fail alike: say it once.
        print("cms eval: the openai analyzer needs CMS_OPENAI_API_KEY", file=sys.stderr)
        return 2
    try:
        total = len(load_labels(corpus))
    except CorpusError as error:
        print(f"cms eval: {error}", file=sys.stderr)
        return 2
    # The bar goes to stderr, and only on a terminal: piped output stays clean.
    with tqdm(
        total=total, unit="sheet", file=sys.stderr, disable=not sys.stderr.isatty(), leave=False
    ) as bar:
        try:
            report = asyncio.run(evaluate(corpus, settings, on_done=lambda _o: bar.update()))
        except CorpusError as error:
            print(f"cms eval: {error}", file=sys.stderr)
            return 2
        finally:
            close_all()
    print(json.dumps(report.as_json(), ensure_ascii=False) if as_json else report.as_text())
    return 0
