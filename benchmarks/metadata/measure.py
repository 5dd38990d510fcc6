"""Accuracy of the inferred document details against details written down by reading.

    python benchmarks/metadata/measure.py [--part dev|heldout|all] [--corpus DIR] [--errors] [--json FILE]

Each labelled PDF of ../shared/corpus/real is read the way ``archive index``
reads it (``indexer.extract.extract``: the text layer, cleaned, then
``indexer.metadata.infer``), and each inferred field is compared with the
label (see README.md for how the labels were made and what each field means):

- title: the same after ``normalise`` (case, quotes, dashes, "&", punctuation
  and spacing ignored), or a token F1 of at least 0.9 (a word more or less in a
  long title); the strict figure (normalised exact match only) is printed too;
- area and partnership: the same after ``normalise`` ("Southend-On-Sea" is
  "Southend-on-Sea", "Hammersmith & Fulham" is "Hammersmith and Fulham"), and a
  missing value is right only where the label has none;
- year and review type: equal.

``dev`` (truth_part_00.jsonl) is what the rules were developed against;
``heldout`` (truth_part_01.jsonl) was not looked at while writing them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

PARTS = {"dev": "truth_part_00.jsonl", "heldout": "truth_part_01.jsonl"}
FIELDS = ("title", "area", "partnership", "year", "type")
TITLE_F1 = 0.9
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "real"


def normalise(text: str | None) -> str:
    """Lower case, straight quotes, '&' as 'and', punctuation and runs of space as one space."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = text.replace("&", " and ").replace("’", "'").replace("‘", "'")
    text = re.sub(r"'s\b", "s", text)
    text = re.sub(r"(?<=\w)-(?=\w)", "", text)  # "well-being" is "wellbeing", "looked-after" "lookedafter"
    return " ".join(re.findall(r"[^\W_]+", text))


def token_f1(found: str | None, truth: str | None) -> float:
    """F1 of the words of two strings (as multisets), after ``normalise``."""
    a, b = Counter(normalise(found).split()), Counter(normalise(truth).split())
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def same_title(found: str | None, truth: str | None, strict: bool = False) -> bool:
    if normalise(found) == normalise(truth):
        return True
    return not strict and token_f1(found, truth) >= TITLE_F1


def same_name(found: str | None, truth: str | None) -> bool:
    """Areas and partnerships: both missing, or the same after ``normalise``."""
    return normalise(found) == normalise(truth)


def correct(field: str, found: Any, truth: Any) -> bool:
    if field == "title":
        return same_title(found, truth)
    if field in ("area", "partnership"):
        return same_name(found, truth)
    return found == truth


def load(part: str) -> list[dict[str, Any]]:
    names = list(PARTS.values()) if part == "all" else [PARTS[part]]
    rows = []
    for name in names:
        rows += [json.loads(line) for line in (HERE / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def infer(path: Path, name: str, extractor: str = "pypdf") -> dict[str, Any]:
    """The details ``archive index`` would infer for one file."""
    from indexer.extract import extract

    result = extract(path, name, extractor=extractor)
    meta = dict(result.metadata or {})
    return {
        "title": meta.get("title"),
        "area": meta.get("area"),
        "partnership": meta.get("partnership"),
        "year": meta.get("year"),
        "type": meta.get("review_type"),
        "outcome": result.outcome,
    }


def score(rows: list[dict[str, Any]], found: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Accuracy per field (and strict title accuracy) of ``found`` (by path) against ``rows``."""
    right = Counter()
    strict = 0
    errors = []
    for row in rows:
        got = found[row["path"]]
        for field in FIELDS:
            if correct(field, got.get(field), row[field]):
                right[field] += 1
            else:
                errors.append({"path": row["path"], "field": field, "found": got.get(field), "truth": row[field]})
        strict += same_title(got.get("title"), row["title"], strict=True)
    n = len(rows)
    accuracy = {field: right[field] / n if n else 0.0 for field in FIELDS}
    return {"files": n, "accuracy": accuracy, "title_strict": strict / n if n else 0.0, "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=["dev", "heldout", "all"], default="all")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--extractor", default="pypdf", help="pypdf (the default of archive index) or pypdfium2")
    parser.add_argument("--errors", action="store_true", help="List every wrong field.")
    parser.add_argument("--json", type=Path, help="Also write the figures as JSON.")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus} (pass --corpus DIR)")
    parts = ["dev", "heldout"] if args.part == "all" else [args.part]
    started = time.perf_counter()
    report: dict[str, Any] = {}
    print(f"{'part':<8} {'files':>5}  " + "  ".join(f"{f:>11}" for f in FIELDS) + "  title (exact)")
    for part in parts:
        rows = load(part)
        found = {row["path"]: infer(args.corpus / row["path"], row["path"], args.extractor) for row in rows}
        result = score(rows, found)
        report[part] = result
        figures = "  ".join(f"{result['accuracy'][f]:>11.3f}" for f in FIELDS)
        print(f"{part:<8} {result['files']:>5}  {figures}  {result['title_strict']:>13.3f}")
        if args.errors:
            for error in result["errors"]:
                print(
                    f"   {error['field']:<11} {error['path']}\n      found {error['found']!r}\n      truth {error['truth']!r}"
                )
    print(
        f"({time.perf_counter() - started:.0f} s; titles right when equal after normalising, or token F1 >= {TITLE_F1})"
    )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
