"""Search quality against pages judged by reading: the archive next to SQLite FTS5.

    python benchmarks/relevance/bench.py pool [--work DIR]     # run every system, list pages still to judge
    python benchmarks/relevance/bench.py score [--work DIR]    # nDCG@10, P@5, zero results, known items

``queries.jsonl`` holds the queries (keyword, natural description, phrase/operator;
``dev`` or ``heldout``), each with a judging criterion written before any search.
``judgments.jsonl`` holds one grade (0, 1, 2) per (query, document path, page),
given by reading the page (its pdftotext text) against the criterion, blind to
which system returned it. ``known_items.jsonl`` holds 3-4 words remembered from
one page each; the target is that page.

Systems, all over the same passages of ../shared/corpus/real (those the archive
indexed, so every system sees the same text):
- ``archive``: ``Archive.search`` as the search page runs it (at most 3 passages per document);
- ``fts5_and``: SQLite FTS5 (porter), all the words (the query's operators kept);
- ``fts5_or``: SQLite FTS5, any of the words, ranked by bm25.
Each system's top passages become a ranked list of pages (a page counted once),
cut at 10. A page nobody judged counts as not relevant (grade 0).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sqlite3
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "real"
sys.path.insert(0, str(REPO))

SYSTEMS = ("archive", "fts5_and", "fts5_or")
DEPTH = 10
KINDS = ("keyword", "natural", "operator")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# -- scoring (pure functions: tests/test_relevance_bench.py checks them) ----------------------
def dcg(gains: list[float]) -> float:
    """Discounted cumulative gain, (2^g - 1) / log2(rank + 1)."""
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg(ranked: list[int], judged: list[int], depth: int = DEPTH) -> float:
    """nDCG@depth of a ranked list of grades, against every grade judged for the query (the ideal order)."""
    ideal = dcg(sorted(judged, reverse=True)[:depth])
    return dcg(ranked[:depth]) / ideal if ideal > 0 else 0.0


def precision(ranked: list[int], depth: int = 5, at_least: int = 1) -> float:
    """Share of the first ``depth`` results graded ``at_least`` (an empty slot counts as a miss)."""
    return sum(1 for g in ranked[:depth] if g >= at_least) / depth


def reciprocal_rank(pages: list[tuple[str, int]], target: tuple[str, int], depth: int = DEPTH) -> float:
    for i, page in enumerate(pages[:depth]):
        if page == target:
            return 1.0 / (i + 1)
    return 0.0


def pages_of(passages: list[tuple[str, int]], depth: int = DEPTH) -> list[tuple[str, int]]:
    """Ranked passages (path, page) as ranked pages, each page once, the first ``depth``."""
    out: list[tuple[str, int]] = []
    for page in passages:
        if page not in out:
            out.append(page)
        if len(out) >= depth:
            break
    return out


# -- the systems -------------------------------------------------------------------------------
_FTS_WORD = re.compile(r"\w+")


def fts5_query(text: str, mode: str) -> str | None:
    """The query in FTS5 syntax. ``and``: the query's own operators, words ANDed; ``or``: any word."""
    if mode == "or":
        words = [w for w in _FTS_WORD.findall(text) if w not in ("AND", "OR", "NOT")]
        return " OR ".join(f'"{w}"' for w in words) or None
    out: list[str] = []
    for token in re.findall(r'"[^"]*"|\(|\)|[^\s()"]+', text):
        if token in ("AND", "OR", "NOT", "(", ")"):
            out.append(token)
        elif token.startswith('"'):
            words = _FTS_WORD.findall(token)
            if words:
                out.append('"' + " ".join(words) + '"')
        elif token.startswith("-") and len(token) > 1:
            words = _FTS_WORD.findall(token)
            if words:
                out += ["NOT", f'"{" ".join(words)}"']
        else:
            prefix = token.endswith("*")
            words = _FTS_WORD.findall(token)
            if len(words) == 1:
                out.append(f'"{words[0]}"' + ("*" if prefix else ""))
            elif words:
                out.append('"' + " ".join(words) + '"')
    # FTS5 wants an operand before NOT and between operands: insert AND where two operands meet.
    fixed: list[str] = []
    for token in out:
        operand = token not in ("AND", "OR", "NOT", ")")
        if fixed and operand and fixed[-1] not in ("AND", "OR", "NOT", "("):
            fixed.append("AND")
        if token == "NOT" and (not fixed or fixed[-1] in ("AND", "OR", "(")):
            if fixed and fixed[-1] == "AND":
                fixed.pop()
            elif not fixed:
                continue
        fixed.append(token)
    return " ".join(fixed) or None


def build_index(work: Path) -> Path:
    from indexer import build

    index = work / "archive-index"
    build(CORPUS, index, workers_count=2)
    return index


def build_fts5(index: Path, db_path: Path) -> None:
    from archive.search import Archive

    if db_path.exists():
        db_path.unlink()
    db = sqlite3.connect(db_path)
    db.execute("CREATE VIRTUAL TABLE p USING fts5(text, path UNINDEXED, page UNINDEXED, tokenize='porter')")
    with Archive(index) as archive, db:
        docs = archive.documents
        rows = [(p["text"], docs[p["doc_id"]]["path"], p["page"]) for p in archive.searcher().documents(kind="passage")
                if p["doc_id"] in docs]  # fmt: skip
        db.executemany("INSERT INTO p(text, path, page) VALUES (?, ?, ?)", rows)
    db.close()


def run_systems(index: Path, db_path: Path, queries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """system -> query id -> {"pages": [[path, page], ...], "total": n}."""
    from archive.errors import QueryError
    from archive.search import Archive

    db = sqlite3.connect(db_path)
    out: dict[str, dict[str, Any]] = {s: {} for s in SYSTEMS}
    with Archive(index) as archive:
        for q in queries:
            try:
                results = archive.search(q["query"], per_doc=3, limit=30)
                passages = [(h.path, h.page) for h in results.hits]
                out["archive"][q["id"]] = {"pages": pages_of(passages), "total": results.total}
            except QueryError:
                out["archive"][q["id"]] = {"pages": [], "total": 0}
            for system, mode in (("fts5_and", "and"), ("fts5_or", "or")):
                expr = fts5_query(q["query"], mode)
                rows: list[tuple[str, int]] = []
                total = 0
                if expr:
                    try:
                        rows = db.execute(
                            "SELECT path, page FROM p WHERE p MATCH ? ORDER BY rank LIMIT 60", (expr,)
                        ).fetchall()
                        total = db.execute("SELECT count(*) FROM p WHERE p MATCH ?", (expr,)).fetchone()[0]
                    except sqlite3.OperationalError as exc:
                        print(f"  FTS5 could not run {expr!r} ({exc})", file=sys.stderr)
                out[system][q["id"]] = {"pages": pages_of([(p, int(n)) for p, n in rows]), "total": total}
    return out


# -- commands ------------------------------------------------------------------------------------
def prepare(work: Path) -> tuple[Path, Path]:
    work.mkdir(parents=True, exist_ok=True)
    index = build_index(work)
    db_path = work / "fts5.db"
    build_fts5(index, db_path)
    return index, db_path


def pool(work: Path) -> None:
    """Run every system; write runs.json and the pages nobody has judged yet (to_judge.jsonl)."""
    index, db_path = prepare(work)
    queries = read_jsonl(HERE / "queries.jsonl")
    runs = run_systems(index, db_path, queries)
    (work / "runs.json").write_text(json.dumps(runs, indent=1), encoding="utf-8")
    judged = {(j["query"], j["path"], j["page"]) for j in read_jsonl(HERE / "judgments.jsonl")}
    todo = sorted({(qid, path, page) for system in runs.values() for qid, run in system.items()
                   for path, page in run["pages"] if (qid, path, page) not in judged})  # fmt: skip
    with (work / "to_judge.jsonl").open("w", encoding="utf-8") as fh:
        for qid, path, page in todo:
            fh.write(json.dumps({"query": qid, "path": path, "page": page}) + "\n")
    print(f"{len(todo)} pages to judge -> {work / 'to_judge.jsonl'}")


def score(work: Path, systems: tuple[str, ...] = SYSTEMS, only: str | None = None) -> dict[str, Any]:
    index, db_path = prepare(work)
    queries = [q for q in read_jsonl(HERE / "queries.jsonl") if only is None or q["set"] == only]
    runs = run_systems(index, db_path, queries)
    grades: dict[str, dict[tuple[str, int], int]] = defaultdict(dict)
    for j in read_jsonl(HERE / "judgments.jsonl"):
        grades[j["query"]][(j["path"], j["page"])] = int(j["grade"])
    table: dict[str, Any] = {"systems": {}, "unjudged": 0, "per_query": {}}
    for system in systems:
        per: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        for q in queries:
            run = runs[system][q["id"]]
            pages = [tuple(p) for p in run["pages"]]
            table["unjudged"] += sum(1 for p in pages if p not in grades[q["id"]])
            ranked = [grades[q["id"]].get(p, 0) for p in pages]  # type: ignore[call-overload]
            unjudged = sum(1 for p in pages if p not in grades[q["id"]])
            table["per_query"].setdefault(q["id"], {})[system] = {
                "ndcg10": ndcg(ranked, list(grades[q["id"]].values())),
                "unjudged": unjudged,
                "total": run["total"],
            }
            for group in (f"{q['set']}:{q['kind']}", f"{q['set']}:all", f"all:{q['kind']}", "all:all"):
                per[group]["ndcg"].append(ndcg(ranked, list(grades[q["id"]].values())))
                per[group]["p5"].append(precision(ranked))
                per[group]["zero"].append(1.0 if not pages else 0.0)
        table["systems"][system] = {
            group: {"queries": len(v["ndcg"]), "ndcg10": sum(v["ndcg"]) / len(v["ndcg"]),
                    "p5": sum(v["p5"]) / len(v["p5"]), "zero": int(sum(v["zero"]))}
            for group, v in sorted(per.items())
        }  # fmt: skip
    known = read_jsonl(HERE / "known_items.jsonl")
    if known and only is None:
        known_runs = run_systems(index, db_path, [{"id": k["id"], "query": k["query"]} for k in known])
        table["known_items"] = {}
        for system in systems:
            rr = [reciprocal_rank([tuple(p) for p in known_runs[system][k["id"]]["pages"]], (k["path"], k["page"]))
                  for k in known]  # fmt: skip
            table["known_items"][system] = {"mrr": sum(rr) / len(rr), "found_in_10": sum(1 for r in rr if r > 0),
                                            "items": len(rr)}  # fmt: skip
    return table


def print_table(table: dict[str, Any]) -> None:
    groups = sorted({g for s in table["systems"].values() for g in s})
    print(f"{'group':<22}" + "".join(f"{s:>26}" for s in table["systems"]))
    print(f"{'':<22}" + "".join(f"{'nDCG@10  P@5  zero':>26}" for _ in table["systems"]))
    for g in groups:
        row = f"{g:<22}"
        for s in table["systems"].values():
            m = s[g]
            row += f"{m['ndcg10']:>14.3f} {m['p5']:>5.2f} {m['zero']:>4}"
        print(row)
    if "known_items" in table:
        print("\nknown items (MRR, found in top 10):")
        for s, m in table["known_items"].items():
            print(f"  {s:<10} MRR {m['mrr']:.3f}, {m['found_in_10']} of {m['items']} found in the top 10")
    print(f"\n{table['unjudged']} returned pages not judged (counted as 0)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["pool", "score"])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "archive-relevance")
    parser.add_argument("--json", type=Path, help="score: also write the figures here")
    parser.add_argument("--only", choices=["dev", "heldout"], help="score: only these queries (tune on dev only)")
    parser.add_argument("--per-query", action="store_true", help="score: also print each query's nDCG@10")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"the real corpus is not at {CORPUS}")
    if args.command == "pool":
        pool(args.work)
    else:
        table = score(args.work, only=args.only)
        print_table(table)
        if args.per_query:
            for qid, systems in sorted(table["per_query"].items()):
                print(
                    qid,
                    "  ".join(
                        f"{s} {m['ndcg10']:.2f} ({m['unjudged']} unjudged, {m['total']})" for s, m in systems.items()
                    ),
                )
        if args.json:
            args.json.write_text(json.dumps(table, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
