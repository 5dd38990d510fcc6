"""The benchmark suite (benchmarks/run.py) runs end to end on its small corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_small_benchmark_prints_both_engines_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--scale", "small", "--json", str(out),
         "--rounds", "1", "--work", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("archive ") for line in lines), done.stdout
    assert any(line.startswith("FTS5 ") for line in lines), done.stdout
    assert "p95 ratio" in done.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["scale"] == "small"
    assert data["corpus"]["passages"] == data["index"]["archive"]["passages"] == data["index"]["fts5"]["passages"] > 0
    for engine in ("archive", "fts5"):
        assert data["index"][engine]["peak_mb"] > 0 and data["index"][engine]["size_mb"] > 0
        assert set(data["queries"][engine]) == {"p50", "p95", "p99"}
    assert data["queries"]["queries"] >= 50
