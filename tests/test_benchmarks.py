"""The benchmark scripts still run, and the theme tagger does not fall below its measured quality."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO, make_collection

sys.path.insert(0, str(REPO / "benchmarks" / "themes"))

import measure


def test_tagger_quality_on_hand_labelled_passages() -> None:
    result = measure.measure()
    assert result["passages"] == 511 and result["themes_measured"] == 29 and result["double_coded"] == 240
    # Held out: measured at 0.769 / 0.675 (term-only 0.755 / 0.621) when the model
    # was trained; a change that drops well below either has made the tagger worse.
    learned, terms = result["macro_learned"], result["macro_terms"]
    assert learned["precision"] >= 0.74 and learned["recall"] >= 0.64
    assert learned["f1"] > terms["f1"]


def test_index_speed_benchmark_runs(tmp_path: Path) -> None:
    pdfs = make_collection(tmp_path / "pdfs")
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "index_speed.py"), str(pdfs)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "archive index, 2 worker(s)" in done.stdout and "2 workers vs 1:" in done.stdout
