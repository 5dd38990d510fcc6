"""What the learned tagger costs: indexing and re-tagging a corpus, this checkout against a baseline.

    python benchmarks/themes/speed.py BASELINE_DIR [PDF_DIR] [--rounds 2] [--json out.json]

BASELINE_DIR is another checkout of the archive (for example the commit before
the learned tagger: ``git archive COMMIT | tar -x -C /tmp/base``); PDF_DIR
defaults to ../shared/corpus/real. For each round, each checkout indexes the
folder into a fresh index (2 workers), in alternation, so both meet the same
machine load; then each re-tags (``archive retag``, from stored text) a copy of
the *other's* index, so nearly every passage's tags change and is rewritten: what
applying a new model or taxonomy costs. Wall time and CPU time (the process and
its workers; Unix only) are both printed: on a busy machine the CPU time is the
steadier figure. Compare the ratios of one run, not figures across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def cpu() -> float:
    """CPU seconds of finished child processes (and theirs); 0 where unknown (Windows)."""
    try:
        import resource
    except ImportError:
        return 0.0
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(code: Path, *args: str) -> tuple[float, float]:
    """Wall and CPU seconds of one archive command run with the code of a checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARCHIVE_")} | {"PYTHONPATH": str(code)}
    started, cpu_before = time.perf_counter(), cpu()
    done = subprocess.run([sys.executable, "-m", "archive", *args], cwd=code, env=env, capture_output=True, text=True)
    seconds, cpu_seconds = time.perf_counter() - started, cpu() - cpu_before
    if done.returncode != 0:
        sys.exit(f"{code}: archive {' '.join(args)} failed:\n{done.stderr}")
    return seconds, cpu_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("baseline", type=Path)
    parser.add_argument("pdfs", type=Path, nargs="?", default=REPO.parent / "shared" / "corpus" / "real")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    checkouts = {"baseline": args.baseline.resolve(), "this": REPO}
    other = {"baseline": "this", "this": "baseline"}
    times: dict[str, dict[str, list[float]]] = {
        name: {"index": [], "index_cpu": [], "retag": [], "retag_cpu": []} for name in checkouts
    }
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            for name, code in checkouts.items():
                index = Path(tmp) / f"{name}-{round_}"
                wall, used = timed(code, "index", str(args.pdfs), "--index", str(index), "--workers", "2")
                times[name]["index"].append(wall)
                times[name]["index_cpu"].append(used)
            for name, code in checkouts.items():
                copy = Path(tmp) / f"{other[name]}-{round_}-retagged-by-{name}"
                shutil.copytree(Path(tmp) / f"{other[name]}-{round_}", copy)
                wall, used = timed(code, "retag", "--index", str(copy))
                times[name]["retag"].append(wall)
                times[name]["retag_cpu"].append(used)
            for name in checkouts:
                t = {k: v[-1] for k, v in times[name].items()}
                print(f"round {round_ + 1} {name:<8} index {t['index']:6.1f} s (CPU {t['index_cpu']:6.1f} s)   "
                      f"retag {t['retag']:5.1f} s (CPU {t['retag_cpu']:5.1f} s)", flush=True)  # fmt: skip
    summary = {name: {k: statistics.median(v) for k, v in t.items()} for name, t in times.items()}
    for what in ("index", "index_cpu", "retag", "retag_cpu"):
        base, this = summary["baseline"][what], summary["this"][what]
        ratio = f"{this / base:.2f}x" if base else "-"
        print(f"{what}: baseline {base:.1f} s, this {this:.1f} s (median of {args.rounds}): {ratio}")
    if args.json:
        args.json.write_text(json.dumps({"times": times, "median": summary}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
