"""Index speed on a folder of PDFs: 1 and 2 workers, a no-op re-run, and plain pypdf as baseline.

    python benchmarks/index_speed.py [PDF_DIR] [--json out.json]

PDF_DIR defaults to ../shared/corpus/real. The baseline is what extraction
alone costs: pypdf's extract_text() on every page, in a process pool of the
same size, with nothing else (no cleaning, passages, metadata or index).
Compare ratios from one run: the machine is shared and timings drift.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from indexer import build  # noqa: E402
from indexer.plan import scan  # noqa: E402


def pypdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            reader.decrypt("")
        for page in reader.pages:
            page.extract_text()
        return len(reader.pages)
    except Exception:
        return 0


def baseline(files: list[Path], workers: int) -> tuple[float, int]:
    started = time.perf_counter()
    # Largest first, as a fair pool would schedule them, so one big file does not finish last.
    ordered = sorted(files, key=lambda p: p.stat().st_size, reverse=True)
    with ProcessPoolExecutor(workers) as pool:
        pages = sum(pool.map(pypdf_pages, ordered, chunksize=1))
    return time.perf_counter() - started, pages


def pdftotext_pages(path: Path) -> int:
    try:
        proc = subprocess.run(
            ["pdftotext", "-q", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=120, check=False
        )
    except subprocess.TimeoutExpired:
        return 0
    return proc.stdout.count(b"\f")


def extraction(pdf_dir: Path, workers: int = 2) -> dict[str, Any]:
    """Extraction alone over a folder, ``workers`` processes: pypdf (baseline) and, when
    it is installed, pdftotext (poppler), the baseline a user would otherwise pick."""
    files = list(scan(pdf_dir).values())
    seconds, pages = baseline(files, workers)
    result: dict[str, Any] = {"files": len(files), "workers": workers,
                              "pypdf": {"seconds": seconds, "pages": pages, "pages_per_s": pages / seconds}}  # fmt: skip
    if shutil.which("pdftotext"):
        ordered = sorted(files, key=lambda p: p.stat().st_size, reverse=True)
        started = time.perf_counter()
        with ProcessPoolExecutor(workers) as pool:
            pages = sum(pool.map(pdftotext_pages, ordered, chunksize=1))
        seconds = time.perf_counter() - started
        result["pdftotext"] = {"seconds": seconds, "pages": pages, "pages_per_s": pages / seconds}
    else:
        result["pdftotext"] = None
        result["note"] = "pdftotext not found (apt-get install poppler-utils): its row is skipped"
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf_dir", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus" / "real")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    files = list(scan(args.pdf_dir).values())
    print(f"{len(files)} PDFs under {args.pdf_dir}")
    rows = []
    for workers in (1, 2):
        seconds, pages = baseline(files, workers)
        rows.append({"what": f"pypdf extraction alone, {workers} process(es)", "seconds": seconds, "pages": pages})
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            report = build(args.pdf_dir, Path(tmp) / "index", workers_count=workers)
            seconds = time.perf_counter() - started
            rows.append({"what": f"archive index, {workers} worker(s)", "seconds": seconds, "pages": report.pages})
            started = time.perf_counter()
            again = build(args.pdf_dir, Path(tmp) / "index", workers_count=workers)
            rows.append({"what": "archive index re-run, nothing changed", "seconds": time.perf_counter() - started,
                         "pages": 0, "read": again.read})  # fmt: skip
    print(f"\n{'what':<45} {'seconds':>9} {'pages':>7} {'pages/s':>8}")
    for row in rows:
        rate = row["pages"] / row["seconds"] if row["pages"] else 0
        print(f"{row['what']:<45} {row['seconds']:>9.2f} {row['pages']:>7} {rate:>8.1f}")
    one, two = rows[1]["seconds"], rows[4]["seconds"]
    print(
        f"\n2 workers vs 1: {one / two:.2f}x faster; archive vs extraction alone (2 workers): {two / rows[3]['seconds']:.2f}x"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
