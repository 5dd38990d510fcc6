"""Item extraction against labels made by reading: precision and recall of whole items.

    python benchmarks/recommendations/bench.py [--split dev|heldout|both] [--corpus DIR]
                                               [--extractor pypdf|pypdfium2] [--errors] [--json FILE]

Each labelled document is read the way ``archive index`` reads it (indexer.extract:
text layer, cleaning, then indexer.recommendations on the cleaned pages). An extracted
item matches a labelled one when their token F1 (lower-cased words, as multisets) is at
least 0.8, one to one, best pairs first. Precision = matched / extracted, recall =
matched / labelled, over all items of the split. Also printed: the items extracted from
documents whose labels have no section (the target is none), and, over matched items,
how often the page, the kind, the number and the addressee agree with the labels.

labels_dev.jsonl is what the extractor was developed against; labels_heldout.jsonl was
not looked at while it was written (see README.md).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

from indexer.extract import extract  # noqa: E402

SPLITS = {"dev": HERE / "labels_dev.jsonl", "heldout": HERE / "labels_heldout.jsonl"}
MATCH_F1 = 0.8
_WORDS = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    return Counter(_WORDS.findall(text.lower()))


def token_f1(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    precision, recall = common / sum(ta.values()), common / sum(tb.values())
    return 2 * precision * recall / (precision + recall)


def match(found: list[dict[str, Any]], truth: list[dict[str, Any]]) -> list[tuple[int, int, float]]:
    """(found index, truth index, F1) of matched pairs: one to one, best first, F1 >= MATCH_F1."""
    pairs = sorted(
        ((token_f1(f["text"], t["text"]), i, j) for i, f in enumerate(found) for j, t in enumerate(truth)),
        reverse=True,
    )
    used_f, used_t, out = set(), set(), []
    for f1, i, j in pairs:
        if f1 < MATCH_F1:
            break
        if i not in used_f and j not in used_t:
            used_f.add(i)
            used_t.add(j)
            out.append((i, j, f1))
    return out


def doc_type(path: str) -> str:
    return path.split("/")[0]


def run_split(name: str, corpus: Path, extractor: str, errors: bool) -> dict[str, Any]:
    rows = [json.loads(line) for line in SPLITS[name].read_text(encoding="utf-8").splitlines() if line.strip()]
    totals: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    by_type: Counter[str] = Counter()
    agree: Counter[str] = Counter()
    seconds = 0.0
    for row in rows:
        started = time.perf_counter()
        result = extract(corpus / row["path"], row["path"], extractor=extractor)
        seconds += time.perf_counter() - started
        found, truth = result.recommendations, row["items"]
        pairs = match(found, truth)
        kind_type = doc_type(row["path"])
        totals["found"] += len(found)
        totals["truth"] += len(truth)
        totals["matched"] += len(pairs)
        by_type[kind_type + ":found"] += len(found)
        by_type[kind_type + ":truth"] += len(truth)
        by_type[kind_type + ":matched"] += len(pairs)
        if not row["sections"]:
            totals["no_section_docs"] += 1
            totals["no_section_found"] += len(found)
        for t in truth:
            by_kind[t["kind"] + ":truth"] += 1
        for i, j, _ in pairs:
            by_kind[truth[j]["kind"] + ":matched"] += 1
            for key in ("page", "kind", "number", "addressed_to"):
                agree[key] += found[i][key] == truth[j][key]
        if errors:
            _print_errors(row["path"], found, truth, pairs)
    precision = totals["matched"] / totals["found"] if totals["found"] else 1.0
    recall = totals["matched"] / totals["truth"] if totals["truth"] else 1.0
    kinds = sorted({k.split(":")[0] for k in by_kind})
    types = sorted({k.split(":")[0] for k in by_type})
    return {
        "split": name,
        "documents": len(rows),
        "labelled_items": totals["truth"],
        "extracted_items": totals["found"],
        "matched": totals["matched"],
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "no_section_documents": totals["no_section_docs"],
        "items_from_no_section_documents": totals["no_section_found"],
        "recall_by_kind": {k: f"{by_kind[k + ':matched']}/{by_kind[k + ':truth']}" for k in kinds},
        "by_folder": {
            t: {
                "precision": f"{by_type[t + ':matched']}/{by_type[t + ':found']}",
                "recall": f"{by_type[t + ':matched']}/{by_type[t + ':truth']}",
            }
            for t in types
        },  # fmt: skip
        "agreement_on_matched": {
            k: round(v / totals["matched"], 4) if totals["matched"] else None for k, v in agree.items()
        },
        "extraction_seconds": round(seconds, 1),
    }


def _print_errors(path: str, found: list[dict[str, Any]], truth: list[dict[str, Any]], pairs: list) -> None:
    matched_f = {i for i, _, _ in pairs}
    matched_t = {j for _, j, _ in pairs}
    missed = [t for j, t in enumerate(truth) if j not in matched_t]
    extra = [f for i, f in enumerate(found) if i not in matched_f]
    if not (missed or extra):
        return
    print(f"\n## {path}")
    for t in missed:
        best = max((token_f1(f["text"], t["text"]) for f in found), default=0.0)
        print(f"  MISSED p{t['page']} [{t['kind']}] (best F1 {best:.2f}): {t['text'][:160]}")
    for f in extra:
        print(f"  EXTRA  p{f['page']} [{f['kind']}]: {f['text'][:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "heldout", "both"], default="both")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "real")
    parser.add_argument("--extractor", default="pypdf")
    parser.add_argument("--errors", action="store_true", help="print missed and extra items per document")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus} (pass --corpus DIR)")
    splits = ["dev", "heldout"] if args.split == "both" else [args.split]
    results = [run_split(name, args.corpus, args.extractor, args.errors) for name in splits]
    print()
    print(f"{'split':8} {'docs':>4} {'labelled':>8} {'extracted':>9} {'matched':>7} {'precision':>9} {'recall':>6}  "
          "items from documents without a section")  # fmt: skip
    for r in results:
        print(f"{r['split']:8} {r['documents']:>4} {r['labelled_items']:>8} {r['extracted_items']:>9} {r['matched']:>7} "
              f"{r['precision']:>9.3f} {r['recall']:>6.3f}  {r['items_from_no_section_documents']} "
              f"(from {r['no_section_documents']} such documents)")  # fmt: skip
    for r in results:
        print(f"\n{r['split']}: recall by kind {r['recall_by_kind']}")
        print(f"{r['split']}: by folder {r['by_folder']}")
        print(f"{r['split']}: agreement with the labels on matched items {r['agreement_on_matched']}")
    print(
        f"\nTargets: precision >= 0.95, recall >= 0.90 (token F1 >= {MATCH_F1} to match), no items from documents without a section."
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
