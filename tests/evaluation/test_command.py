"""`cms eval` as a user runs it: a child process, configured by the environment only."""

import json
from pathlib import Path

import pytest

from tests.cli_processes import run_cms
from tests.evaluation.corpus_fixture import write_corpus

# A child process that imports the service and starts its extraction processes: seconds.
pytestmark = pytest.mark.slow


def test_cms_eval_json(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    done = run_cms("eval", str(corpus), "--analyzer", "rules", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)  # one object, no progress bar: not a terminal
    assert (report["total"], report["hits"]) == (5, 3)
    assert {"by_format", "by_language", "by_confidence", "misses"} <= set(report)
    assert {"file", "expected", "got", "evidence"} <= set(report["misses"][0])


def test_cms_eval_without_labels_says_so(tmp_path: Path) -> None:
    done = run_cms("eval", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2
    assert "labels.json not found" in done.stderr and not done.stdout
