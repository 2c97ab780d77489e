"""Running an analyzer over a labelled corpus, the way the service reads an upload: the
bytes through the isolated extraction processes (`inputs.read_upload`, with the
settings' limits), images passed along for vision models, the analyzer from the factory."""

import asyncio
from collections.abc import Callable
from pathlib import Path

from cost_model_service.analysis.base import AnalysisError, Analyzer
from cost_model_service.analysis.factory import build_analyzer
from cost_model_service.analysis.inputs import image_input, read_upload
from cost_model_service.config import Settings
from cost_model_service.evaluation.corpus import Label, load_labels
from cost_model_service.evaluation.report import Outcome, Report

# Sheets analysed at once: the LLM's latency overlaps; the rules are bound by the
# extraction processes anyway.
CONCURRENCY = 4


async def evaluate(
    corpus: Path,
    settings: Settings,
    *,
    analyzer: Analyzer | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> Report:
    """Every sheet labels.json names, analysed and compared with its label. A sheet that
    cannot be read or analysed is a miss carrying the error; the others go on. Raises
    CorpusError when the labels cannot be used at all."""
    labels = load_labels(corpus)
    analyzer = analyzer or build_analyzer(settings)
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(label: Label) -> Outcome:
        async with gate:
            outcome = await _analyse(corpus, label, settings, analyzer)
        if on_done is not None:
            on_done(outcome)
        return outcome

    outcomes = await asyncio.gather(*(one(label) for label in labels))
    return Report(corpus=str(corpus), analyzer=analyzer.name, outcomes=list(outcomes))


async def _analyse(corpus: Path, label: Label, settings: Settings, analyzer: Analyzer) -> Outcome:
    try:
        data = await asyncio.to_thread((corpus / label.file).read_bytes)
        text = await read_upload(settings, label.file, None, data)
        image = image_input(data)
        result = await analyzer.extract_weight(text, [image] if image else [])
    except AnalysisError as error:
        return Outcome(label, error=error.message)
    except OSError as error:
        return Outcome(label, error=f"{type(error).__name__}: {error}")
    return Outcome(
        label,
        grams=result.grams,
        evidence=result.evidence,
        confidence=result.confidence,
        method=result.method,
    )
