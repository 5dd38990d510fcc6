"""Precision and recall of the theme tagger on passages labelled by reading: the learned
tagger and the term-only tagger side by side, with the coders' agreement beside them.

    python benchmarks/themes/measure.py [--split heldout|train|all] [--model FILE] [--themes FILE] [--json out.json]

passages.jsonl holds 1,560 passages of ../shared/corpus/real (see README.md and
sample_passages.py); labels.jsonl the themes each one gives evidence for, labelled
by reading against CODING.md, never by running a tagger; labels_second.jsonl 240
of them coded again independently, for Cohen's kappa per theme (the human
ceiling). The shipped model (archive/themes/model.npz) was trained on the "train"
split only, and its thresholds chosen there: the "heldout" split (30% of
documents, whole) is what these figures are for. Macro figures average the
themes with at least MIN_SUPPORT labels in the measured split. Combined themes
are document-level and not measured here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from archive.themes import Tagger, load_model, load_taxonomy  # noqa: E402

MIN_SUPPORT = 10


def load(path: Path) -> dict[str, dict[str, Any]]:
    return {row["passage_id"]: row for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def kappa(first: dict[str, set[str]], second: dict[str, set[str]], theme: str) -> float | None:
    """Cohen's kappa of two codings of the same passages, for one theme (None when neither coder used it)."""
    ids = sorted(set(first) & set(second))
    a = [theme in first[i] for i in ids]
    b = [theme in second[i] for i in ids]
    n = len(ids)
    if not n or not (any(a) or any(b)):
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def scores(truth: dict[str, set[str]], found: dict[str, set[str]], theme: str) -> dict[str, Any]:
    tp = sum(1 for i in truth if theme in truth[i] and theme in found[i])
    predicted = sum(1 for i in truth if theme in found[i])
    support = sum(1 for i in truth if theme in truth[i])
    precision = tp / predicted if predicted else None
    recall = tp / support if support else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else (0.0 if support else None)
    return {"tagged": predicted, "tp": tp, "precision": precision, "recall": recall, "f1": f1}


def macro(rows: list[dict[str, Any]], key: str) -> dict[str, float]:
    measured = [r for r in rows if r["labels"] >= MIN_SUPPORT]
    return {m: sum(r[key][m] or 0.0 for r in measured) / len(measured) if measured else 0.0
            for m in ("precision", "recall", "f1")}  # fmt: skip


def measure(
    split: str = "heldout", model_path: Path | None = None, taxonomy_path: Path | None = None
) -> dict[str, Any]:
    passages = load(HERE / "passages.jsonl")
    labels = {i: set(r["themes"]) for i, r in load(HERE / "labels.jsonl").items()}
    second = {i: set(r["themes"]) for i, r in load(HERE / "labels_second.jsonl").items()}
    taxonomy = load_taxonomy(taxonomy_path)
    model = load_model(model_path)
    learned, terms_only = Tagger(taxonomy, model), Tagger(taxonomy)
    ids = [i for i in labels if split == "all" or passages[i]["split"] == split]
    truth = {i: labels[i] for i in ids}
    by_model = {i: set(learned.tag(passages[i]["text"])) for i in ids}
    by_terms = {i: set(terms_only.tag(passages[i]["text"])) for i in ids}
    rows = []
    for theme in taxonomy.simple:
        rows.append({
            "theme": theme.id, "labels": sum(1 for i in ids if theme.id in truth[i]),
            "kappa": kappa(labels, second, theme.id), "by": "model" if theme.id in learned.learned else "terms",
            "learned": scores(truth, by_model, theme.id), "terms": scores(truth, by_terms, theme.id),
        })  # fmt: skip
    return {
        "split": split, "passages": len(ids), "double_coded": len(set(labels) & set(second)),
        "model": model.path, "trained_on": model.info.get("passages"),
        "themes_measured": sum(1 for r in rows if r["labels"] >= MIN_SUPPORT),
        "macro_learned": macro(rows, "learned"), "macro_terms": macro(rows, "terms"),
        "lowest_precision": min((r["learned"]["precision"] or 0.0 for r in rows if r["labels"] >= MIN_SUPPORT), default=0.0),
        "rows": rows,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--split", choices=("heldout", "train", "all"), default="heldout")
    parser.add_argument("--model", type=Path, help="model file [default: archive/themes/model.npz]")
    parser.add_argument("--themes", type=Path, help="taxonomy file [default: data/themes.toml]")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    result = measure(args.split, args.model, args.themes)

    def fmt(x: float | None) -> str:
        return "   -" if x is None else f"{x:.2f}"

    print(f"{'theme':<37} {'labels':>6} {'kappa':>5} {'by':>5} | {'terms P':>7} {'R':>4} {'F1':>4} | "
          f"{'learned P':>9} {'R':>4} {'F1':>4}")  # fmt: skip
    for r in sorted(result["rows"], key=lambda r: -r["labels"]):
        t, m = r["terms"], r["learned"]
        mark = "" if r["labels"] >= MIN_SUPPORT else "  (too few labels)"
        print(f"{r['theme']:<37} {r['labels']:>6} {fmt(r['kappa']):>5} {r['by']:>5} | {fmt(t['precision']):>7} "
              f"{fmt(t['recall']):>4} {fmt(t['f1']):>4} | {fmt(m['precision']):>9} {fmt(m['recall']):>4} "
              f"{fmt(m['f1']):>4}{mark}")  # fmt: skip
    mt, ml = result["macro_terms"], result["macro_learned"]
    print(f"\n{result['passages']} passages of the {result['split']} split; {result['themes_measured']} themes "
          f"with >= {MIN_SUPPORT} labels; kappa from {result['double_coded']} passages coded twice")  # fmt: skip
    print(f"macro, term-only: precision {mt['precision']:.3f}, recall {mt['recall']:.3f}, F1 {mt['f1']:.3f}")
    print(f"macro, learned:   precision {ml['precision']:.3f}, recall {ml['recall']:.3f}, F1 {ml['f1']:.3f}")
    print(f"lowest precision (learned): {result['lowest_precision']:.2f}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
