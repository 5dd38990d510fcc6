"""What the learned tagger costs: indexing and re-tagging a corpus, this checkout against a baseline.

    python benchmarks/themes/speed.py BASELINE_DIR [PDF_DIR] [--rounds 2] [--json out.json]

BASELINE_DIR is another checkout of the archive (for example the commit before
the learned tagger: ``git archive COMMIT | tar -x -C /tmp/base``); PDF_DIR
defaults to ../shared/corpus/real. For each round, each checkout indexes the
folder into a fresh index (2 workers) and then re-tags it from stored text
(``archive retag``), in alternation, so both meet the same machine load. The
machine is shared: compare the ratios of one run, not figures across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def timed(code: Path, *args: str) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARCHIVE_")} | {"PYTHONPATH": str(code)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "archive", *args], cwd=code, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{code}: archive {' '.join(args)} failed:\n{done.stderr}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("baseline", type=Path)
    parser.add_argument("pdfs", type=Path, nargs="?", default=REPO.parent / "shared" / "corpus" / "real")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    checkouts = {"baseline": args.baseline.resolve(), "this": REPO}
    times: dict[str, dict[str, list[float]]] = {name: {"index": [], "retag": []} for name in checkouts}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            for name, code in checkouts.items():
                index = Path(tmp) / f"{name}-{round_}"
                times[name]["index"].append(
                    timed(code, "index", str(args.pdfs), "--index", str(index), "--workers", "2")
                )
                times[name]["retag"].append(timed(code, "retag", "--index", str(index)))
                print(f"round {round_ + 1} {name:<8} index {times[name]['index'][-1]:6.1f} s   "
                      f"retag {times[name]['retag'][-1]:5.1f} s", flush=True)  # fmt: skip
    summary = {name: {k: statistics.median(v) for k, v in t.items()} for name, t in times.items()}
    for what in ("index", "retag"):
        base, this = summary["baseline"][what], summary["this"][what]
        print(f"{what}: baseline {base:.1f} s, this {this:.1f} s (median of {args.rounds}): {this / base:.2f}x")
    if args.json:
        args.json.write_text(json.dumps({"times": times, "median": summary}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
