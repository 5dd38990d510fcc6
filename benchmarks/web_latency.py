"""Time to render a search page: a fixed list of queries through Flask's test client.

    python benchmarks/web_latency.py [INDEX_DIR] [--rounds N] [--json out.json]

INDEX_DIR defaults to ARCHIVE_INDEX, else data/index; build one of the real corpus with
'archive index ../shared/corpus/real --index /tmp/ixr-web'. Every query is requested once
to warm up (the searcher, the theme postings the facet counts cache, the templates), then
N rounds are timed. Each time is the whole request: search, facet counts, per-document
counts, rendering the page. Query themes the index does not have are left out.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from archive.index import default_index_dir  # noqa: E402
from archive.web import create_app  # noqa: E402

QUERIES: list[dict[str, str | list[str]]] = [
    {"q": "neglect"},
    {"q": "information sharing"},
    {"q": "child"},  # a word in nearly every passage
    {"q": "social worker"},
    {"q": "health visitor"},
    {"q": "domestic abuse"},
    {"q": "mental health"},
    {"q": '"was not brought"'},
    {"q": '"voice of the child"'},
    {"q": '"professional curiosity"'},
    {"q": '"disguised compliance"'},
    {"q": '"lived experience"'},
    {"q": "bruising AND (baby OR infant) NOT dental"},
    {"q": "neglect OR deprivation"},
    {"q": "safeguard*"},
    {"q": "exploit* county"},
    {"q": "supervision caseload"},
    {"q": "school attendance", "sort": "newest"},
    {"q": "care leavers", "sort": "oldest"},
    {"q": "neglect", "page": "3"},
    {"q": "health", "theme": ["neglect"]},
    {"q": "assessment", "theme": ["domestic_abuse", "parental_mental_health"]},
    {"q": "police", "from": "2020"},
    {"q": '"child protection plan"', "from": "2018", "to": "2022"},
    {"q": "education", "type": "other"},
    {"q": "children", "partnership": "ofsted"},
    {"q": "early help", "theme": ["early_help_family_support"], "from": "2021"},
    {"theme": ["voice_of_the_child"]},  # browsing a theme: no words
    {"theme": ["neglect"], "from": "2019", "to": "2023"},
    {"q": "zzqqxx nonexistentword"},  # zero results: suggestions are worked out
]


def url_for(params: dict[str, str | list[str]]) -> str:
    return "/?" + urlencode(params, doseq=True)


def measure(index_dir: Path, rounds: int = 5) -> dict:
    """Warm up, then time ``rounds`` passes of every query's results page; figures in ms."""
    started = time.perf_counter()
    app = create_app(index_dir)
    client = app.test_client()
    archive = app.config["ARCHIVE"]
    opened = time.perf_counter() - started
    known = set(archive.taxonomy.themes)
    queries = [q for q in QUERIES if set(q.get("theme", [])) <= known]
    urls = [url_for(q) for q in queries]

    for url in urls:  # warm-up
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    times: dict[str, list[float]] = {url: [] for url in urls}
    for _ in range(rounds):
        for url in urls:
            t0 = time.perf_counter()
            response = client.get(url)
            times[url].append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200

    def pct(samples: list[float], p: float) -> float:
        return samples[min(len(samples) - 1, round(p / 100 * (len(samples) - 1)))]

    every = sorted(t for samples in times.values() for t in samples)
    kinds = {}
    for kind, chosen in (("searches with words", [u for u in urls if "q=" in u]),
                         ("theme browsing (no words)", [u for u in urls if "q=" not in u])):  # fmt: skip
        samples = sorted(t for u in chosen for t in times[u])
        if samples:
            kinds[kind] = {"queries": len(chosen), "p50_ms": round(pct(samples, 50), 2),
                           "p95_ms": round(pct(samples, 95), 2), "max_ms": round(samples[-1], 2)}  # fmt: skip
    per_query = sorted(((statistics.median(s), url) for url, s in times.items()), reverse=True)
    return {
        "index": str(index_dir), "documents": len(archive.documents),
        "passages": sum(d.get("passages", 0) for d in archive.documents.values()), "themes": len(known),
        "app_ready_ms": round(opened * 1000, 1), "queries": len(urls), "rounds": rounds, "requests": len(every),
        "p50_ms": round(pct(every, 50), 2), "p95_ms": round(pct(every, 95), 2), "p99_ms": round(pct(every, 99), 2),
        "max_ms": round(every[-1], 2), "by_kind": kinds,
        "per_query_median_ms": {url: round(m, 2) for m, url in per_query},
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("index_dir", nargs="?", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=5, help="timed passes over the queries (default 5)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    index_dir = args.index_dir or default_index_dir()
    r = measure(index_dir, args.rounds)
    print(f"Index {index_dir}: {r['documents']} documents, {r['passages']} passages, "
          f"{r['themes']} themes; app ready in {r['app_ready_ms']:.0f} ms")  # fmt: skip
    print(f"{r['queries']} queries x {r['rounds']} rounds = {r['requests']} requests (after one warm-up round)")
    print(f"results page: p50 {r['p50_ms']:.1f} ms   p95 {r['p95_ms']:.1f} ms   max {r['max_ms']:.1f} ms")
    for kind, row in r["by_kind"].items():
        print(
            f"  {kind}: {row['queries']} queries, p50 {row['p50_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms, max {row['max_ms']:.1f} ms"
        )
    print("slowest queries (median ms):")
    for url, median in list(r["per_query_median_ms"].items())[:5]:
        print(f"  {median:7.1f}  {url}")
    if args.json:
        args.json.write_text(json.dumps(r, indent=2))


if __name__ == "__main__":
    main()
