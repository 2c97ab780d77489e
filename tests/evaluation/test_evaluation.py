"""evaluate() on a tiny labelled corpus: the real reading path (isolated extraction
processes) and the analyzer the settings choose (rules here, the fake OpenAI below)."""

import json
from pathlib import Path

import pytest

from cost_model_service.config import Settings
from cost_model_service.evaluation import CorpusError, evaluate, load_labels
from tests.evaluation.corpus_fixture import write_corpus
from tests.fake_openai import FakeOpenAI


async def test_rules_on_a_tiny_corpus(tmp_path: Path, settings: Settings) -> None:
    report = (await evaluate(write_corpus(tmp_path), settings)).as_json()

    assert report["analyzer"] == "rules"
    assert (report["total"], report["hits"], report["accuracy"]) == (5, 3, 0.6)
    assert report["by_format"]["md"] == {"total": 1, "hits": 0, "accuracy": 0.0}
    assert report["by_format"]["csv"] == {"total": 1, "hits": 1, "accuracy": 1.0}
    assert report["by_language"]["en"] == {"total": 3, "hits": 1, "accuracy": 0.3333}
    assert report["by_language"]["de"]["hits"] == 1
    misses = {miss["file"]: miss for miss in report["misses"]}
    assert set(misses) == {"knob.md", "broken.pdf"}
    assert (misses["knob.md"]["expected"], misses["knob.md"]["got"]) == (90, 85)
    assert "85 g" in misses["knob.md"]["evidence"]
    assert misses["broken.pdf"]["got"] is None and misses["broken.pdf"]["error"]
    assert misses["broken.pdf"]["evidence"]  # why it could not be read
    # Weights given land in a confidence band; "no weight" answers in `none`.
    bands = report["by_confidence"]
    assert sum(band["total"] for band in bands.values()) == 5
    assert bands["none"] == {"total": 2, "hits": 1, "accuracy": 0.5}
    json.dumps(report)  # one plain JSON object


async def test_the_text_report_shows_each_miss_and_the_groups(
    tmp_path: Path, settings: Settings
) -> None:
    text = (await evaluate(write_corpus(tmp_path), settings)).as_text()
    assert "MISS knob.md: expected 90 g, got 85 g" in text
    assert "MISS broken.pdf: expected 100 g, got error" in text
    assert "overall      3/5   =  60.0 %" in text
    for heading in ("by format:", "by language:", "by confidence:"):
        assert heading in text


async def test_progress_is_reported_per_sheet(tmp_path: Path, settings: Settings) -> None:
    seen: list[str] = []
    await evaluate(write_corpus(tmp_path), settings, on_done=lambda o: seen.append(o.label.file))
    assert sorted(seen) == sorted(label.file for label in load_labels(tmp_path))


async def test_the_openai_analyzer_on_the_fake(
    tmp_path: Path, llm_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    report = (await evaluate(write_corpus(tmp_path), llm_settings)).as_json()
    assert report["analyzer"] == "openai"
    # The fake "model" reads "Weight ... 0.42 kg" and "Gewicht;2,5 kg" like the rules.
    assert {m["file"] for m in report["misses"]} == {"knob.md", "broken.pdf"}
    assert len(fake_openai.chat_requests("unit_weight")) == 4  # the broken PDF never got there


async def test_an_llm_failure_is_a_miss_that_says_why(
    tmp_path: Path, llm_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    fake_openai.script("invalid_key", times=None)
    report = (await evaluate(write_corpus(tmp_path), llm_settings)).as_json()
    assert report["hits"] == 0
    assert all("API key" in m["evidence"] for m in report["misses"] if m["file"] != "broken.pdf")


@pytest.mark.parametrize(
    ("labels", "problem"),
    [
        (None, "labels.json not found"),
        ("[1, 2]", "non-empty object"),
        ('{"gone.txt": {"unit_weight_grams": 5}}', "not in"),
        ('{"a.txt": {"unit_weight_grams": "5 g"}}', "must be a number or null"),
        ('{"../a.txt": {"unit_weight_grams": 5}}', "plain file name"),
        ('{"a.txt": {"weight": 5}}', "needs an object with unit_weight_grams"),
    ],
)
def test_unusable_labels_are_refused_naming_why(
    tmp_path: Path, labels: str | None, problem: str
) -> None:
    (tmp_path / "a.txt").write_text("Weight: 5 g")
    if labels is not None:
        (tmp_path / "labels.json").write_text(labels)
    with pytest.raises(CorpusError, match=problem):
        load_labels(tmp_path)


def test_a_missing_tolerance_is_half_a_percent(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Weight: 5 g")
    (tmp_path / "labels.json").write_text('{"a.txt": {"unit_weight_grams": 200}}')
    [label] = load_labels(tmp_path)
    assert label.matches(201) and not label.matches(201.5)
    assert (label.format, label.language) == ("txt", "unknown")
