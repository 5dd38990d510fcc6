"""The relevance benchmark's scorer computes what it should (benchmarks/relevance/bench.py)."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("relevance_bench", REPO / "benchmarks" / "relevance" / "bench.py")
assert spec and spec.loader
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def test_dcg_and_ndcg_by_hand() -> None:
    # gains 2, 0, 1: (2^2-1)/log2(2) + 0 + (2^1-1)/log2(4) = 3 + 0.5
    assert bench.dcg([2, 0, 1]) == pytest.approx(3.5)
    # ideal order of the judged grades [2, 1, 0, 1] is 2, 1, 1, 0: 3 + 1/log2(3) + 1/2
    ideal = 3 + 1 / math.log2(3) + 0.5
    assert bench.ndcg([2, 0, 1], [2, 1, 0, 1]) == pytest.approx(3.5 / ideal)
    assert bench.ndcg([2, 1, 1, 0], [2, 1, 0, 1]) == pytest.approx(1.0)
    assert bench.ndcg([], [2]) == 0.0
    assert bench.ndcg([0, 0], [0, 0]) == 0.0  # nothing relevant was judged: no credit, no division by zero
    assert bench.ndcg([1] * 12, [1] * 12, depth=10) == pytest.approx(1.0)  # cut at the depth


def test_precision_reciprocal_rank_and_pages() -> None:
    assert bench.precision([2, 0, 1, 0, 0]) == pytest.approx(0.4)
    assert bench.precision([2, 2]) == pytest.approx(0.4)  # an empty slot is a miss
    assert bench.precision([1, 2, 2], at_least=2) == pytest.approx(0.4)
    pages = [("a.pdf", 1), ("b.pdf", 3), ("a.pdf", 2)]
    assert bench.reciprocal_rank(pages, ("b.pdf", 3)) == 0.5
    assert bench.reciprocal_rank(pages, ("c.pdf", 1)) == 0.0
    passages = [("a.pdf", 1), ("a.pdf", 1), ("b.pdf", 2), ("a.pdf", 1), ("c.pdf", 9)]
    assert bench.pages_of(passages, depth=2) == [("a.pdf", 1), ("b.pdf", 2)]


def test_fts5_translation_keeps_the_meaning() -> None:
    assert bench.fts5_query("care leavers housing", "and") == '"care" AND "leavers" AND "housing"'
    assert bench.fts5_query("care leavers housing", "or") == '"care" OR "leavers" OR "housing"'
    assert bench.fts5_query('"county lines" NOT school', "and") == '"county lines" NOT "school"'
    assert bench.fts5_query("exploitation -sexual", "and") == '"exploitation" NOT "sexual"'
    assert bench.fts5_query("radicalis* OR extremis*", "and") == '"radicalis"* OR "extremis"*'
    assert bench.fts5_query("neglect AND (baby OR infant)", "and") == '"neglect" AND ( "baby" OR "infant" )'


def test_the_committed_benchmark_files_agree() -> None:
    here = REPO / "benchmarks" / "relevance"
    queries = bench.read_jsonl(here / "queries.jsonl")
    assert len(queries) >= 40 and {q["kind"] for q in queries} == set(bench.KINDS)
    assert all(q["criterion"] and q["set"] in ("dev", "heldout") for q in queries)
    ids = {q["id"] for q in queries}
    judged = bench.read_jsonl(here / "judgments.jsonl")
    assert judged and all(j["query"] in ids and j["grade"] in (0, 1, 2) for j in judged)
    assert len({(j["query"], j["path"], j["page"]) for j in judged}) == len(judged)
    assert json.dumps(bench.read_jsonl(here / "known_items.jsonl")[0])
