"""Precision and recall of the theme tagger on hand-labelled passages.

    python benchmarks/themes/measure.py [--themes FILE] [--json out.json]

passages.jsonl holds passages of ../shared/corpus/real chosen by
sample_passages.py (see its docstring); labels.jsonl holds the themes each one
really discusses, labelled by reading the text, without looking at the
tagger's output. The tagger runs on the stored text, so the figures do not
depend on an index. Combined themes are document-level and not measured here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from archive.themes import Tagger, load_taxonomy  # noqa: E402

MIN_SUPPORT = 5


def load(path: Path) -> dict[str, dict]:
    return {row["passage_id"]: row for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def measure(taxonomy_path: Path | None = None) -> dict:
    passages, labels = load(HERE / "passages.jsonl"), load(HERE / "labels.jsonl")
    taxonomy = load_taxonomy(taxonomy_path)
    tagger = Tagger(taxonomy)
    ids = [t.id for t in taxonomy.simple]
    stats = {i: {"tp": 0, "fp": 0, "fn": 0} for i in ids}
    for pid, label in labels.items():
        truth = set(label["themes"]) & set(ids)
        found = set(tagger.tag(passages[pid]["text"]))
        for theme in ids:
            if theme in found and theme in truth:
                stats[theme]["tp"] += 1
            elif theme in found:
                stats[theme]["fp"] += 1
            elif theme in truth:
                stats[theme]["fn"] += 1
    rows = []
    for theme, s in stats.items():
        support, predicted = s["tp"] + s["fn"], s["tp"] + s["fp"]
        precision = s["tp"] / predicted if predicted else None
        recall = s["tp"] / support if support else None
        rows.append({"theme": theme, "support": support, "predicted": predicted, **s,
                     "precision": precision, "recall": recall})  # fmt: skip
    measured = [r for r in rows if r["support"] >= MIN_SUPPORT]
    macro_p = sum(r["precision"] or 0.0 for r in measured) / len(measured) if measured else 0.0
    macro_r = sum(r["recall"] or 0.0 for r in measured) / len(measured) if measured else 0.0
    tp = sum(r["tp"] for r in rows)
    micro_p = tp / max(1, sum(r["predicted"] for r in rows))
    micro_r = tp / max(1, sum(r["support"] for r in rows))
    return {"passages": len(labels), "themes_measured": len(measured), "macro_precision": macro_p,
            "macro_recall": macro_r, "micro_precision": micro_p, "micro_recall": micro_r, "rows": rows}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--themes", type=Path, help="taxonomy file [default: data/themes.toml]")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    result = measure(args.themes)

    def fmt(x: float | None) -> str:
        return "   -" if x is None else f"{x:.2f}"

    print(f"{'theme':<40} {'labelled':>8} {'tagged':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>5} {'recall':>6}")
    for r in sorted(result["rows"], key=lambda r: -r["support"]):
        mark = "" if r["support"] >= MIN_SUPPORT else "  (too few labels to measure)"
        print(f"{r['theme']:<40} {r['support']:>8} {r['predicted']:>6} {r['tp']:>4} {r['fp']:>4} {r['fn']:>4} "
              f"{fmt(r['precision']):>5} {fmt(r['recall']):>6}{mark}")  # fmt: skip
    print(f"\n{result['passages']} labelled passages; {result['themes_measured']} themes with >= {MIN_SUPPORT} labels")
    print(f"macro precision {result['macro_precision']:.3f}, macro recall {result['macro_recall']:.3f} "
          f"(micro: {result['micro_precision']:.3f} / {result['micro_recall']:.3f})")  # fmt: skip
    measured = [r for r in result["rows"] if r["support"] >= MIN_SUPPORT]
    worst_p = sorted(measured, key=lambda r: r["precision"] if r["precision"] is not None else 0)[:3]
    worst_r = sorted(measured, key=lambda r: r["recall"] or 0)[:3]
    print("lowest precision: " + ", ".join(f"{r['theme']} {fmt(r['precision'])}" for r in worst_p))
    print("lowest recall: " + ", ".join(f"{r['theme']} {fmt(r['recall'])}" for r in worst_r))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
