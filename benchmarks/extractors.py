"""Text extractors compared: the archive's pypdf path, pypdfium2 and pdftotext, speed and agreement.

    python benchmarks/extractors.py [PDF_DIR] [--processes 2] [--index] [--json out.json]

PDF_DIR defaults to ../shared/corpus/real. Every page of every PDF is read by
each extractor in a pool of --processes processes (largest files first):
(a) pypdf as the archive reads it (indexer.extract.read_pages), (b) pypdfium2
as the archive reads it (indexer.pdfium.read_pages), (c) poppler's pdftotext,
if it is on PATH (else its row is left out with a note). Reading only: no
cleaning, passages or index. The machine may be shared, so compare the
ratios to pypdf from one run, not the seconds across runs.

Agreement with pypdf, per document, after the archive's own cleaning
(indexer.clean.clean_pages) of each extractor's pages:
  word F1  - multiset F1 of lower-cased word tokens (same words, as often);
  bigrams  - share of pypdf's word bigrams (multiset) also in the other text:
             a reading-order measure (columns or lines read in another order lower it).

With --index, also the whole 'archive index' (cleaning, passages, themes,
index) with each extractor, the same number of workers, into a scratch index.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from indexer import build, clean, extract, pdfium  # noqa: E402
from indexer.plan import scan  # noqa: E402

_TOKEN = re.compile(r"[^\W_]+")


def read_pypdf(path: Path) -> list[str] | str:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return extract.read_pages(path)[0]
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"[:200]


def read_pdfium(path: Path) -> list[str] | str:
    try:
        return pdfium.read_pages(path)[0]
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"[:200]


def read_pdftotext(path: Path) -> list[str] | str:
    done = subprocess.run(
        ["pdftotext", "-q", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=300, check=False
    )
    if done.returncode:
        return f"pdftotext exit {done.returncode}"
    pages = done.stdout.decode("utf-8", "replace").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages  # the last page ends with a form feed too


READERS = {"pypdf": read_pypdf, "pypdfium2": read_pdfium, "pdftotext": read_pdftotext}


def timed(reader: str, files: list[Path], processes: int) -> tuple[float, list[list[str] | str]]:
    started = time.perf_counter()
    with ProcessPoolExecutor(processes) as pool:
        results = list(pool.map(READERS[reader], files, chunksize=1))
    return time.perf_counter() - started, results


def tokens(pages: list[str]) -> list[str]:
    return [w.lower() for w in _TOKEN.findall("\n".join(clean.clean_pages(pages)))]


def agreement(base: list[str], other: list[str]) -> tuple[float, float]:
    """(multiset word F1, share of base's bigrams found in other) of two token lists."""
    a, b = Counter(base), Counter(other)
    overlap = sum((a & b).values())
    f1 = 2 * overlap / (len(base) + len(other)) if base or other else 1.0
    bigrams = Counter(zip(base, base[1:]))
    found = Counter(zip(other, other[1:]))
    share = sum((bigrams & found).values()) / sum(bigrams.values()) if bigrams else 1.0
    return f1, share


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf_dir", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus" / "real")
    parser.add_argument("--processes", type=int, default=2, help="processes per extractor (default 2)")
    parser.add_argument("--worst", type=int, default=5, help="documents listed with the lowest agreement (default 5)")
    parser.add_argument("--index", action="store_true", help="also time 'archive index' with each extractor")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    paths = scan(args.pdf_dir)
    # Largest first, as a fair pool would schedule them, so one big file does not finish last.
    names = sorted(paths, key=lambda rel: paths[rel].stat().st_size, reverse=True)
    files = [paths[rel] for rel in names]
    print(f"{len(files)} PDFs under {args.pdf_dir}, {args.processes} processes per extractor")

    readers = ["pypdf", "pypdfium2"]
    notes = []
    if shutil.which("pdftotext"):
        readers.append("pdftotext")
    else:
        notes.append("pdftotext is not on PATH (poppler-utils): its row is left out")
    rows: list[dict[str, Any]] = []
    texts: dict[str, list[list[str] | str]] = {}
    for reader in readers:
        seconds, results = timed(reader, files, args.processes)
        texts[reader] = results
        pages = sum(len(r) for r in results if isinstance(r, list))
        failed = [names[i] for i, r in enumerate(results) if isinstance(r, str)]
        rows.append({"extractor": reader, "seconds": round(seconds, 2), "pages": pages,
                     "pages_per_s": round(pages / seconds, 1), "failed": len(failed), "failures": failed[:10]})  # fmt: skip
    base = rows[0]["pages_per_s"]
    for row in rows:
        row["speed_vs_pypdf"] = round(row["pages_per_s"] / base, 2)

    print(f"\n{'extractor':<11} {'seconds':>8} {'pages':>6} {'pages/s':>8} {'vs pypdf':>9} {'failed':>7}")
    for row in rows:
        print(f"{row['extractor']:<11} {row['seconds']:>8.1f} {row['pages']:>6} {row['pages_per_s']:>8.1f} "
              f"{row['speed_vs_pypdf']:>8.2f}x {row['failed']:>7}")  # fmt: skip
    for note in notes:
        print(f"Note: {note}")

    reference = [tokens(r) if isinstance(r, list) else None for r in texts["pypdf"]]
    summary: dict[str, Any] = {}
    for reader in readers[1:]:
        per_doc = []
        for i, result in enumerate(texts[reader]):
            if reference[i] is None or not isinstance(result, list):
                continue
            f1, order = agreement(reference[i], tokens(result))
            per_doc.append({"path": names[i], "word_f1": round(f1, 5), "bigrams": round(order, 5),
                            "pypdf_words": len(reference[i])})  # fmt: skip
        f1s, orders = [d["word_f1"] for d in per_doc], [d["bigrams"] for d in per_doc]
        worst = sorted(per_doc, key=lambda d: (d["word_f1"], d["bigrams"]))[: args.worst]
        summary[reader] = {
            "documents": len(per_doc),
            "word_f1": {"mean": round(statistics.fmean(f1s), 5), "median": round(statistics.median(f1s), 5)},
            "bigrams": {"mean": round(statistics.fmean(orders), 5), "median": round(statistics.median(orders), 5)},
            "worst": worst,
        }
        s = summary[reader]
        print(f"\nAgreement of {reader} with pypdf over {s['documents']} documents (after cleaning):")
        print(f"  word F1      mean {s['word_f1']['mean']:.5f}  median {s['word_f1']['median']:.5f}")
        print(f"  bigrams      mean {s['bigrams']['mean']:.5f}  median {s['bigrams']['median']:.5f}")
        print(f"  worst {len(worst)} by word F1:")
        for d in worst:
            print(f"    F1 {d['word_f1']:.5f}  bigrams {d['bigrams']:.5f}  {d['pypdf_words']:>6} words  {d['path']}")
    indexing = []
    if args.index:
        for extractor in extract.EXTRACTORS:
            with tempfile.TemporaryDirectory() as tmp:
                started = time.perf_counter()
                report = build(args.pdf_dir, Path(tmp) / "index", workers_count=args.processes, extractor=extractor)
                seconds = time.perf_counter() - started
            indexing.append({"extractor": extractor, "seconds": round(seconds, 2), "pages": report.pages,
                             "passages": report.passages, "pages_per_s": round(report.pages / seconds, 1)})  # fmt: skip
        print(f"\narchive index, {args.processes} workers:")
        for row in indexing:
            ratio = indexing[0]["seconds"] / row["seconds"]
            print(f"  {row['extractor']:<10} {row['seconds']:>7.1f} s  {row['pages']:>6} pages  "
                  f"{row['passages']:>6} passages  {row['pages_per_s']:>7.1f} pages/s  {ratio:.2f}x")  # fmt: skip
    if args.json:
        data = {"pdf_dir": str(args.pdf_dir), "files": len(files), "processes": args.processes,
                "rows": rows, "agreement": summary, "index": indexing, "notes": notes}  # fmt: skip
        args.json.write_text(json.dumps(data, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
