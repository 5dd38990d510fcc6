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
    assert data["web"]["requests"] >= 25 and data["web"]["p95_ms"] > 0  # the results page, through Flask
    assert data["cli"]["archive"]["p95"] > 0 and data["cli"]["fts5"]["p95"] > 0  # one process per query


def test_national_pdfs_writes_pdfs_and_measures_them(tmp_path: Path) -> None:
    out = tmp_path / "pdfs.json"
    command = [sys.executable, str(REPO / "benchmarks" / "national_pdfs.py"), "--generated", "--documents", "6",
               "--pages", "3", "--work", str(tmp_path / "work"), "--json", str(out)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "end-to-end / pypdf alone" in done.stdout and "no-op re-run" in done.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    pdfs = sorted((tmp_path / "work" / "pdfs-generated-6x3").glob("*.pdf"))
    assert len(pdfs) == data["collection"]["documents"] == 6 and data["collection"]["pages"] == 18
    assert data["extraction"]["pypdf"]["pages"] == 18
    if data["extraction"]["pdftotext"] is not None:
        assert data["extraction"]["pdftotext"]["pages"] == 18
    e2e = data["end_to_end"]
    assert e2e["report"]["documents"] == 6 and e2e["pages"] == 18 and e2e["seconds"] > 0 and e2e["index_mb"] > 0
    if sys.platform.startswith("linux"):
        assert e2e["memory"]["parent_peak_mb"] > 0 and e2e["memory"]["tree_peak_rss_mb"] > 0
    assert data["noop_cli"]["report"]["read"] == data["noop_library"]["read"] == 0
    assert data["noop_cli"]["seconds"] > 0 and data["noop_library"]["seconds"] > 0
    assert data["ratios"]["end_to_end_over_pypdf"] > 0

    from pypdf import PdfReader

    reader = PdfReader(pdfs[0])
    assert len(reader.pages) == 3 and "benchmark document" in reader.metadata.title
    assert "Generated benchmark document" in reader.pages[0].extract_text()

    again = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "already there" in again.stdout
