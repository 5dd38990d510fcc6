"""What finding recommendations adds to an index run: whole runs of ``archive index`` with
and without it, alternated, on the same folder and machine.

    python benchmarks/recommendations/index_cost.py [PDF_DIR] [--rounds 2] [--workers 2]

"Without" replaces indexer.recommendations.find_items by a function that finds nothing
(in the parent, before the worker processes start), so no item is found, tagged or
written; everything else is the same. Runs alternate (with, without, with, without...)
so drift on a shared machine falls on both; a first run, not counted, warms the file cache.
Prints each run's wall time and CPU time (this process and its worker processes: less
sensitive than wall time to other work on a shared machine) and the ratios of the medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from indexer import build, recommendations  # noqa: E402


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the workers), user and system."""
    own, children = os.times(), os.times()
    return own.user + own.system + children.children_user + children.children_system


def one_run(pdf_dir: Path, workers: int, with_items: bool) -> tuple[float, float, int]:
    original = recommendations.find_items
    if not with_items:
        recommendations.find_items = lambda pages: []  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            started, cpu = time.perf_counter(), cpu_seconds()
            report = build(pdf_dir, Path(tmp) / "index", workers_count=workers)
            return time.perf_counter() - started, cpu_seconds() - cpu, report.pages
    finally:
        recommendations.find_items = original


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf_dir", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus" / "real")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    one_run(args.pdf_dir, args.workers, True)  # warms the file cache; not counted
    wall: dict[bool, list[float]] = {True: [], False: []}
    cpu: dict[bool, list[float]] = {True: [], False: []}
    for n in range(args.rounds):
        for with_items in (True, False) if n % 2 == 0 else (False, True):
            seconds, used, pages = one_run(args.pdf_dir, args.workers, with_items)
            wall[with_items].append(seconds)
            cpu[with_items].append(used)
            print(f"round {n + 1}: {'with' if with_items else 'without'} recommendations: {seconds:.1f} s, "
                  f"CPU {used:.1f} s ({pages} pages)", flush=True)  # fmt: skip
    for name, runs in (("wall", wall), ("CPU", cpu)):
        with_items, without = statistics.median(runs[True]), statistics.median(runs[False])
        print(f"median {name} time with {with_items:.1f} s, without {without:.1f} s: {with_items / without - 1:+.1%}")
    print(f"({args.workers} workers, {args.rounds} runs each, after one run to warm the cache)")


if __name__ == "__main__":
    main()
