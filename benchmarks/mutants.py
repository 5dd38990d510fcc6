"""Damaged files nobody has seen: mutants of good PDFs, indexed as a user would, counted by outcome.

    python benchmarks/mutants.py [SOURCE_DIR] [--count 300] [--seed 14] [--extractor auto pypdf]
                                 [--code DIR] [--json out.json]

Writes --count mutants of the PDFs under SOURCE_DIR (default data/pdfs) into a scratch
folder: cut short at a random point, random bytes overwritten, a block zeroed, the
cross-reference table or the end of the file removed, an object's bytes shuffled.
Then runs ``archive index`` over them in a process of its own, once per --extractor, and
reports the files per outcome, what reached the terminal (there should be nothing but
the summary), and messages that name an exception or a reader's internals.

--code DIR runs the archive found in DIR instead of this checkout (say, an earlier commit
exported with ``git archive``), for a figure before a change; its --extractor default is
used when --extractor is 'default'. The mutants depend only on --seed, so two runs compare.
Nothing here was tuned on: the mutations are random, the seed fixed in advance.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
INTERNALS = re.compile(r"\b[A-Z][a-zA-Z]+(Error|Exception|Warning)\b|Traceback|pypdf:|PDFium:|err_code")


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    kind = rng.choice(["cut", "flip", "zero", "no-xref", "no-end", "shuffle"])
    n = len(data)
    if kind == "cut":
        return kind, data[: rng.randint(n // 10, n - 1)]
    if kind == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            out[rng.randrange(n)] = rng.randrange(256)
        return kind, bytes(out)
    if kind == "zero":
        start = rng.randrange(n)
        return kind, data[:start] + bytes(min(n - start, rng.randint(16, 4096))) + data[start + 4096 :]
    if kind == "no-xref":
        at = data.rfind(b"xref")
        return kind, data[:at] + data[data.rfind(b"trailer") :] if at > 0 else data[: n // 2]
    if kind == "no-end":
        at = data.rfind(b"startxref")
        return kind, data[:at] if at > 0 else data[: n - 64]
    start = rng.randrange(max(1, n - 512))
    block = bytearray(data[start : start + 512])
    rng.shuffle(block)
    return kind, data[:start] + bytes(block) + data[start + 512 :]


def write_mutants(source: Path, out: Path, count: int, seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    originals = sorted(p for p in source.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
    kinds = {}
    for i in range(count):
        original = rng.choice(originals)
        kind, data = mutate(original.read_bytes(), rng)
        name = f"{i:04d}-{kind}-{original.stem[:40]}.pdf"
        (out / name).write_bytes(data)
        kinds[name] = kind
    return kinds


def index(folder: Path, index_dir: Path, extractor: str, code: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARCHIVE_")} | {"PYTHONPATH": str(code)}
    args = [sys.executable, "-m", "archive", "index", str(folder), "--index", str(index_dir), "--workers", "2",
            "--timeout", "30", "--format", "json"]  # fmt: skip
    if extractor != "default":
        args += ["--extractor", extractor]
    done = subprocess.run(args, capture_output=True, text=True, cwd=code, env=env, timeout=3600)
    status = subprocess.run([sys.executable, "-m", "archive", "status", "--index", str(index_dir), "--all",
                             "--format", "json"], capture_output=True, text=True, cwd=code, env=env, timeout=600)  # fmt: skip
    files = json.loads(status.stdout)["files"] if status.returncode == 0 else []
    return {
        "extractor": extractor,
        "exit_code": done.returncode,
        "outcomes": dict(sorted(Counter(f["outcome"] for f in files).items())),
        "terminal": done.stderr,
        "internal_messages": [f"{f['path']}: {f['message']}" for f in files if INTERNALS.search(f["message"])],
        "seconds": json.loads(done.stdout).get("seconds") if done.returncode == 0 else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=REPO / "data" / "pdfs")
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--extractor", nargs="+", default=["auto", "pypdf"])
    parser.add_argument("--code", type=Path, default=REPO, help="the archive to run (a checkout) [default: this one]")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "mutants"
        folder.mkdir()
        kinds = write_mutants(args.source, folder, args.count, args.seed)
        print(
            f"{len(kinds)} mutants of the PDFs under {args.source} (seed {args.seed}): {dict(Counter(kinds.values()))}"
        )
        rows = [index(folder, Path(tmp) / f"index-{e}", e, args.code) for e in args.extractor]
    for row in rows:
        print(f"\n--extractor {row['extractor']} ({args.code}): exit {row['exit_code']}, {row['seconds']} s")
        print(f"  outcomes: {row['outcomes']}")
        print(
            f"  reached the terminal: {len(row['terminal'])} characters"
            + (f": {row['terminal'][:300]!r}" if row["terminal"] else "")
        )
        print(f"  messages naming an exception or a reader's internals: {len(row['internal_messages'])}")
        for line in row["internal_messages"][:5]:
            print(f"    {line[:200]}")
    if args.json:
        args.json.write_text(
            json.dumps({"count": len(kinds), "seed": args.seed, "runs": rows}, indent=2), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
