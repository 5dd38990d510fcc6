"""How good is the time left that `archive index` shows? The estimate against the time it really took.

    python benchmarks/index_eta.py [PDF_DIR] [--files N] [--workers 2] [--json out.json]

Indexes N files of PDF_DIR (default: 120 of ../shared/corpus/real, spread over its folders) into a
new index, and at every file settled records the time left as two estimators saw it, both fed the
same events: click's progress bar (what `archive index` showed before: time so far / files so far,
averaged) and ``archive.cli.progress.Eta`` (what it shows now: the pace after the first file).
Prints, for each, the first estimate shown and the estimate at 10%, 25% and 50% of the files,
each divided by the time that really remained (1.0 is right; 10 is ten times too long).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import click  # noqa: E402

from archive.cli.progress import Eta  # noqa: E402
from indexer import build  # noqa: E402
from indexer.plan import scan  # noqa: E402


def spread(pdf_dir: Path, n: int) -> list[str]:
    """n files taken evenly from the sorted list (every folder gets its share)."""
    files = sorted(scan(pdf_dir))
    step = max(1, len(files) // n)
    return files[::step][:n]


def run(pdf_dir: Path, n: int, workers: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp) / "pdfs"
        for rel in spread(pdf_dir, n):
            target = subset / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to((pdf_dir / rel).resolve())
        events: list[tuple[float, int, float | None, float | None]] = []
        eta = Eta()
        bar: Any = None

        def progress(event: Any) -> None:
            nonlocal bar
            if event.pages_total:
                return
            if bar is None:
                eta.begin(event.done, event.total, event.bytes_total)
                bar = click.progressbar(length=event.total, file=io.StringIO())
                bar.__enter__()
            bar.update(event.done - bar.pos)
            eta.update(event.done, event.bytes_done)
            shown = bar.eta if bar.eta_known and bar.pos else None
            events.append((time.monotonic(), event.done, shown, eta.seconds_left()))

        build(subset, Path(tmp) / "index", workers_count=workers, progress=progress)
        end = time.monotonic()
        total = events[-1][1]
    report: dict[str, Any] = {"files": total, "seconds": round(end - events[0][0], 1), "workers": workers}
    for name, column in (("click_bar", 2), ("archive_eta", 3)):
        ratios = {}
        shown = [(t, done, e[column]) for e in events for t, done in [(e[0], e[1])] if e[column] is not None]
        shown = [(t, done, left) for t, done, left in shown if done < total]
        if shown:
            t, done, left = shown[0]
            ratios["first"] = {"at_file": done, "ratio": round(left / max(end - t, 1e-6), 2)}
        for share in (0.1, 0.25, 0.5):
            later = [(t, left) for t, done, left in shown if done >= share * total]
            if later:
                t, left = later[0]
                ratios[f"{int(share * 100)}%"] = round(left / max(end - t, 1e-6), 2)
        report[name] = ratios
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdf_dir", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus" / "real")
    parser.add_argument("--files", type=int, default=120)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report = run(args.pdf_dir, args.files, args.workers)
    print(f"{report['files']} files, {args.workers} workers, {report['seconds']} s")
    print("estimate / time that really remained (1.0 is right):")
    for name in ("click_bar", "archive_eta"):
        r = report[name]
        first = r.get("first", {})
        cells = [f"first (after file {first.get('at_file')}): {first.get('ratio')}"]
        cells += [f"at {k}: {r[k]}" for k in ("10%", "25%", "50%") if k in r]
        print(f"  {name:<12} " + "; ".join(cells))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
