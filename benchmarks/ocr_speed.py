"""OCR speed and accuracy: scanned copies of born-digital PDFs indexed with OCR.

    python benchmarks/ocr_speed.py [PDF_DIR] [--torture DIR] [--json out.json]

Every page of the PDFs in PDF_DIR (default data/pdfs, the fictional samples)
is rendered to a greyscale image at 200 dpi and wrapped back into a PDF with
no text layer, as a scanner would. The scans are indexed with OCR with 1 and
2 workers (each from an empty OCR cache), then rebuilt from the cache; word
recovery compares each scan's indexed text with the born-digital original's
(word multisets, case-insensitive, punctuation stripped).

With --torture DIR (e.g. ../shared/corpus/torture), that folder is indexed
without OCR and then again with it, and the outcomes before and after are
compared. Needs Tesseract and the ocr extra. Compare figures from one run:
the machine is shared and timings drift.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from scangen import scanned_copy  # noqa: E402

from archive.search import Archive  # noqa: E402
from indexer import build  # noqa: E402
from indexer.extract import extract  # noqa: E402
from indexer.ocr import CACHE_DIR, find_engine  # noqa: E402
from indexer.plan import scan  # noqa: E402


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"[^\W_]+", text.lower()))


def recovery(originals: dict[str, Path], scans: Path, index: Path) -> dict[str, float]:
    """Share of each born-digital document's words that the OCR'd scan recovers (from the cache)."""
    engine = find_engine(cache_dir=index / CACHE_DIR)
    shares, found, total = {}, 0, 0
    for name, original in originals.items():
        digital = words(" ".join(p.text for p in extract(original).passages))
        read = words(" ".join(p.text for p in extract(scans / name, ocr=engine).passages))
        common = sum((digital & read).values())
        shares[name] = common / max(1, sum(digital.values()))
        found, total = found + common, total + sum(digital.values())
    shares["all"] = found / max(1, total)
    return shares


def cpu_seconds() -> float:
    """CPU time of finished child processes (workers, and the Tesseract runs they waited for)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def speed(scans: Path, tmp: Path) -> list[dict[str, object]]:
    rows = []
    for workers in (1, 2):
        index = tmp / f"index-{workers}"
        started, cpu = time.perf_counter(), cpu_seconds()
        report = build(scans, index, workers_count=workers, ocr=True)
        seconds = time.perf_counter() - started
        rows.append({"what": f"index with OCR, {workers} worker(s)", "seconds": seconds, "pages": report.ocr_read,
                     "cpu_seconds": round(cpu_seconds() - cpu, 1)})  # fmt: skip
    started = time.perf_counter()
    report = build(scans, tmp / "index-2", workers_count=2, ocr=True, rebuild=True)
    rows.append({"what": "rebuild, OCR from the cache, 2 workers", "seconds": time.perf_counter() - started,
                 "pages": report.ocr_cached, "tesseract_pages": report.ocr_read})  # fmt: skip
    return rows


def torture(folder: Path, tmp: Path) -> dict[str, object]:
    index = tmp / "torture"
    before = build(folder, index, workers_count=2, timeout=30)
    with Archive(index) as archive:
        was = {path: r["outcome"] for path, r in archive.files.items()}
    started = time.perf_counter()
    after = build(folder, index, workers_count=2, timeout=30, ocr=True)
    seconds = time.perf_counter() - started
    with Archive(index) as archive:
        now = {path: r["outcome"] for path, r in archive.files.items()}
    return {
        "before": dict(before.outcomes),
        "after": dict(after.outcomes),
        "no_text_now_indexed": sorted(p for p, o in now.items() if o == "indexed" and was.get(p) == "no_text"),
        "files_read_again": after.read,
        "pages_read_by_tesseract": after.ocr_read,
        "ocr_pages_in_index": after.ocr_pages,
        "seconds": round(seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf_dir", nargs="?", type=Path, default=REPO / "data" / "pdfs")
    parser.add_argument("--torture", type=Path, help="also index this folder without and then with OCR")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--no-recovery", action="store_true", help="time only")
    args = parser.parse_args()
    engine = find_engine()
    print(f"{engine.version}, {engine.settings.dpi} dpi, language {engine.settings.lang}")
    originals = scan(args.pdf_dir)
    figures: dict[str, object] = {"tesseract": engine.version}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for name, path in originals.items():
            scanned_copy(path, tmp / "scans" / name)
        print(f"{len(originals)} PDFs from {args.pdf_dir}, scanned at 200 dpi")
        rows = speed(tmp / "scans", tmp)
        print(f"\n{'what':<42} {'seconds':>8} {'pages':>6} {'pages/s':>8} {'CPU s/page':>10}")
        for row in rows:
            rate = row["pages"] / row["seconds"] if row["pages"] else 0.0  # type: ignore[operator]
            row["pages_per_second"] = round(rate, 3)
            cpu = f"{row['cpu_seconds'] / row['pages']:.2f}" if row.get("cpu_seconds") else ""  # type: ignore[operator]
            print(f"{row['what']:<42} {row['seconds']:>8.1f} {row['pages']:>6} {rate:>8.2f} {cpu:>10}")
        one, two = rows[0]["seconds"], rows[1]["seconds"]
        print(f"2 workers vs 1: {one / two:.2f}x faster")  # type: ignore[operator]
        figures["speed"] = rows
        if not args.no_recovery:
            shares = recovery(originals, tmp / "scans", tmp / "index-2")
            print("\nwords of the born-digital text recovered by OCR:")
            for name, share in shares.items():
                print(f"  {share:7.2%}  {name}")
            figures["recovery"] = shares
        if args.torture:
            result = torture(args.torture, tmp)
            print(f"\n{args.torture} without OCR: {result['before']}")
            print(f"{args.torture} with OCR:    {result['after']} ({result['seconds']} s)")
            print(
                f"no_text files now indexed: {len(result['no_text_now_indexed'])} "  # type: ignore[arg-type]
                f"({result['files_read_again']} files read again, "
                f"{result['pages_read_by_tesseract']} pages through Tesseract)"
            )
            figures["torture"] = result
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
