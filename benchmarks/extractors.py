"""The readers compared: pypdf, PDFium, the chain of both, and pdftotext: speed, agreement, outcomes.

    python benchmarks/extractors.py [PDF_DIR] [--processes 2] [--index] [--glyphs] [--json out.json]

PDF_DIR defaults to ../shared/corpus/real. Every page of every PDF is read in a
pool of --processes processes (largest files first) by: (a) pypdf as the
archive reads it, (b) PDFium (pypdfium2) as the archive reads it, (c) the
archive's chain, PDFium then pypdf for the files and pages PDFium cannot read
(``auto``, the default), (d) the chain the other way round (pypdf first), and
(e) poppler's pdftotext, if it is on PATH (else its row is left out with a
note). Reading only: no cleaning, passages or index. The machine may be
shared, so compare the ratios to pypdf from one run, not the seconds across runs.

Agreement with pypdf, per document, after the archive's own cleaning
(indexer.clean.clean_pages) of each reader's pages:
  word F1  - multiset F1 of lower-cased word tokens (same words, as often);
  bigrams  - share of pypdf's word bigrams (multiset) also in the other text:
             a reading-order measure (columns or lines read in another order lower it).

With --index, also the whole 'archive index' (cleaning, passages, themes,
index) with pypdf alone, the chain, and PDFium alone, the same number of
workers, each into a scratch index, with the outcomes of every file.

With --glyphs, the share of unmapped glyphs on every page (indexer.glyphs: what
judges a page junk), by reader, with the pages the letter share used before
would have judged junk.
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
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from indexer import build, clean, glyphs, readers  # noqa: E402
from indexer.plan import scan  # noqa: E402

_TOKEN = re.compile(r"[^\W_]+")
_LETTER = re.compile(r"[^\W\d_]")


def _read(path: Path, extractor: str, chain: tuple[str, ...] = readers.CHAIN) -> list[str] | str:
    try:
        return readers.read(path, extractor, chain).pages
    except readers.ReadFailure as failure:
        return failure.message


def read_pypdf(path: Path) -> list[str] | str:
    return _read(path, readers.PYPDF)


def read_pdfium(path: Path) -> list[str] | str:
    return _read(path, readers.PDFIUM)


def read_chain(path: Path) -> list[str] | str:
    return _read(path, readers.AUTO)


def read_chain_pypdf_first(path: Path) -> list[str] | str:
    return _read(path, readers.AUTO, (readers.PYPDF, readers.PDFIUM))


def read_pdftotext(path: Path) -> list[str] | str:
    done = subprocess.run(
        ["pdftotext", "-q", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=300, check=False
    )
    if done.returncode:
        return f"pdftotext exit {done.returncode}"
    pages = done.stdout.decode("utf-8", "replace").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages  # the last page ends with a form feed too


READERS = {
    "pypdf": read_pypdf,
    "pypdfium2": read_pdfium,
    "auto": read_chain,
    "auto, pypdf first": read_chain_pypdf_first,
    "pdftotext": read_pdftotext,
}


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
    parser.add_argument("--index", action="store_true", help="also time 'archive index' with each reader")
    parser.add_argument("--glyphs", action="store_true", help="also the share of unmapped glyphs on every page")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    paths = scan(args.pdf_dir)
    # Largest first, as a fair pool would schedule them, so one big file does not finish last.
    names = sorted(paths, key=lambda rel: paths[rel].stat().st_size, reverse=True)
    files = [paths[rel] for rel in names]
    print(f"{len(files)} PDFs under {args.pdf_dir}, {args.processes} processes per extractor")

    names_read = ["pypdf", "pypdfium2", "auto", "auto, pypdf first"]
    notes = []
    if shutil.which("pdftotext"):
        names_read.append("pdftotext")
    else:
        notes.append("pdftotext is not on PATH (poppler-utils): its row is left out")
    rows: list[dict[str, Any]] = []
    texts: dict[str, list[list[str] | str]] = {}
    for reader in names_read:
        seconds, results = timed(reader, files, args.processes)
        texts[reader] = results
        pages = sum(len(r) for r in results if isinstance(r, list))
        failed = [names[i] for i, r in enumerate(results) if isinstance(r, str)]
        rows.append({"extractor": reader, "seconds": round(seconds, 2), "pages": pages,
                     "pages_per_s": round(pages / seconds, 1), "failed": len(failed), "failures": failed[:10]})  # fmt: skip
    base = rows[0]["pages_per_s"]
    for row in rows:
        row["speed_vs_pypdf"] = round(row["pages_per_s"] / base, 2)

    print(f"\n{'reader':<17} {'seconds':>8} {'pages':>6} {'pages/s':>8} {'vs pypdf':>9} {'failed':>7}")
    for row in rows:
        print(f"{row['extractor']:<17} {row['seconds']:>8.1f} {row['pages']:>6} {row['pages_per_s']:>8.1f} "
              f"{row['speed_vs_pypdf']:>8.2f}x {row['failed']:>7}")  # fmt: skip
    for note in notes:
        print(f"Note: {note}")

    reference = [tokens(r) if isinstance(r, list) else None for r in texts["pypdf"]]
    summary: dict[str, Any] = {}
    print(f"\nAgreement with pypdf over {sum(r is not None for r in reference)} documents (after cleaning):")
    for reader in names_read[1:]:
        per_doc = []
        for i, result in enumerate(texts[reader]):
            if reference[i] is None or not isinstance(result, list):
                continue
            f1, order = agreement(reference[i], tokens(result))
            per_doc.append({"path": names[i], "word_f1": round(f1, 5), "bigrams": round(order, 5),
                            "pypdf_words": len(reference[i])})  # fmt: skip
        f1s, orders = [d["word_f1"] for d in per_doc], [d["bigrams"] for d in per_doc]
        pooled = _pooled(reference, texts[reader])
        worst = sorted(per_doc, key=lambda d: (d["word_f1"], d["bigrams"]))[: args.worst]
        summary[reader] = {
            "documents": len(per_doc),
            "word_f1": {
                "mean": round(statistics.fmean(f1s), 5),
                "median": round(statistics.median(f1s), 5),
                "pooled": round(pooled, 5),
            },
            "bigrams": {"mean": round(statistics.fmean(orders), 5), "median": round(statistics.median(orders), 5)},
            "worst": worst,
        }
        s = summary[reader]
        print(f"  {reader}, {s['documents']} documents both read:")
        print(f"    word F1      mean {s['word_f1']['mean']:.5f}  median {s['word_f1']['median']:.5f}  "
              f"pooled {s['word_f1']['pooled']:.5f} (all documents' words together)")  # fmt: skip
        print(f"    bigrams      mean {s['bigrams']['mean']:.5f}  median {s['bigrams']['median']:.5f}")
        print(f"    worst {len(worst)} by word F1:")
        for d in worst:
            print(f"      F1 {d['word_f1']:.5f}  bigrams {d['bigrams']:.5f}  {d['pypdf_words']:>6} words  {d['path']}")
    indexing = []
    if args.index:
        for extractor in ("pypdf", "auto", "pypdfium2"):
            with tempfile.TemporaryDirectory() as tmp:
                started = time.perf_counter()
                report = build(args.pdf_dir, Path(tmp) / "index", workers_count=args.processes, extractor=extractor)
                seconds = time.perf_counter() - started
            indexing.append({"extractor": extractor, "seconds": round(seconds, 2), "pages": report.pages,
                             "passages": report.passages, "pages_per_s": round(report.pages / seconds, 1),
                             "outcomes": dict(sorted(report.outcomes.items())), "read_by": dict(report.read_by),
                             "fallback_files": report.fallback_files})  # fmt: skip
        print(f"\narchive index, {args.processes} workers:")
        for row in indexing:
            ratio = indexing[0]["seconds"] / row["seconds"]
            print(f"  {row['extractor']:<10} {row['seconds']:>7.1f} s  {row['pages']:>6} pages  "
                  f"{row['passages']:>6} passages  {row['pages_per_s']:>7.1f} pages/s  {ratio:.2f}x")  # fmt: skip
            print(f"  {'':<10} outcomes {row['outcomes']}; files read by {row['read_by']}, "
                  f"{row['fallback_files']} with pages read by the other reader")  # fmt: skip
    glyph_figures = glyph_shares(names, texts) if args.glyphs else {}
    if args.json:
        data = {"pdf_dir": str(args.pdf_dir), "files": len(files), "processes": args.processes,
                "rows": rows, "agreement": summary, "index": indexing, "glyphs": glyph_figures, "notes": notes}  # fmt: skip
        args.json.write_text(json.dumps(data, indent=2), encoding="utf-8")


def _pooled(reference: list[list[str] | None], results: list[list[str] | str]) -> float:
    """Word F1 of all documents both read, their words counted together (long documents weigh more)."""
    overlap = total = 0
    for base, result in zip(reference, results):
        if base is None or not isinstance(result, list):
            continue
        other = tokens(result)
        overlap += sum((Counter(base) & Counter(other)).values())
        total += len(base) + len(other)
    return 2 * overlap / total if total else 1.0


def _shares(names: list[str], results: list[list[str] | str]) -> dict[str, Any]:
    pages = [(glyphs.unmapped_share(text), name, n) for name, r in zip(names, results) if isinstance(r, list)
             for n, text in enumerate(r, start=1)]  # fmt: skip
    letters_low = [(name, n) for name, r in zip(names, results) if isinstance(r, list)
                   for n, text in enumerate(r, start=1)
                   if glyphs.visible(text) >= 20 and len(_LETTER.findall(text)) < 0.5 * glyphs.visible(text)]  # fmt: skip
    top = max(pages, default=(0.0, "", 0))
    return {
        "pages": len(pages),
        "above_0": sum(1 for s, *_ in pages if s > 0),
        "above_0.1": sum(1 for s, *_ in pages if s >= 0.1),
        "junk": sum(1 for s, *_ in pages if s >= glyphs.JUNK_SHARE),
        "max": {"share": round(top[0], 4), "path": top[1], "page": top[2]},
        "below_half_letters": len(letters_low),
    }


def glyph_shares(names: list[str], texts: dict[str, list[list[str] | str]]) -> dict[str, Any]:
    """Unmapped glyphs per page (indexer.glyphs), for the chain and for each reader alone."""
    figures = _shares(names, texts["auto"]) | {"by_reader": {}}
    print(f"\nUnmapped glyphs per page (junk at a share of {glyphs.JUNK_SHARE} or more):")
    for reader in ("auto", "pypdf", "pypdfium2"):
        found = _shares(names, texts[reader])
        figures["by_reader"][reader] = found
        print(f"  {reader:<10} {found['pages']:>6} pages: {found['above_0']} above 0, {found['above_0.1']} at 0.1 "
              f"or more, {found['junk']} junk; highest {found['max']['share']} ({found['max']['path']} page "
              f"{found['max']['page']}); {found['below_half_letters']} pages with fewer than half letters")  # fmt: skip
    return figures


if __name__ == "__main__":
    main()
