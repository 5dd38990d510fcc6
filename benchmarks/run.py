"""Benchmark suite: the archive (Whoosh) against SQLite FTS5 over the same passages.

    python benchmarks/run.py [--scale small|real|national] [--json out.json] [--rounds N]
                             [--with-extraction] [--no-extraction] [--work DIR]
                             [--documents N] [--pages N] [--with-pdfs]

Corpora (see benchmarks/national.py): ``small`` is a few hundred generated
passages (a smoke test, seconds); ``real`` is the archive's passages of
../shared/corpus/real (from the index at /tmp/ixr2 if there, else extracted);
``national`` is ~2,000 documents x 40 pages recombined from real pages with a
fixed seed, fed as text; --documents N --pages N make a smaller one (e.g. 40 x 10).
--with-pdfs (national) also writes it as PDFs and runs benchmarks/national_pdfs.py on
them: end-to-end 'archive index' with its process tree's peak memory, the no-op
re-run, and pypdf and pdftotext alone over the same files (JSON key "national_pdfs").

Figures, archive vs FTS5 (ratio = archive / FTS5):
- index: passages/s, peak memory (VmHWM, else ru_maxrss, of a child process doing only the
  indexing, which streams the corpus file), size on disk. The archive indexes
  with its own schema and tagging path (indexer.write.add_passages with a
  Tagger) into a fresh index, writer(limitmb=256), one commit. FTS5:
  fts5(text, doc_id UNINDEXED, page UNINDEXED, tokenize='porter'), one
  transaction.
- queries: p50/p95/p99 ms over a fixed mixed set (terms, AND, phrases, and
  for the archive some with theme/year filters). The archive runs
  Archive.search (one long-lived Archive: top 10 with highlights, at most 3
  per document, plus its exact total counts); FTS5 runs the same words or
  phrase without the filters (it has none), top 10 by bm25 with snippet().
- extraction (real and national): pages/s of pypdf vs pdftotext over the real
  PDFs in 2 processes; at national scale extrapolated from the real rate
  (80,000 PDF pages are not written; --with-pdfs measures them). --with-extraction also runs
  benchmarks/index_speed.py (end-to-end 'archive index', 1 and 2 workers; ~4 min).
Compare ratios from one run: the machine is shared and timings drift.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import national  # noqa: E402

# (kind, archive query, FTS5 query or None for "same", archive filters)
TERMS = ["neglect", "child", "police", "bruising", "supervision", "housing", "midwife", "school", "alcohol",
         "referral", "escalation", "hospital", "threshold", "strategy", "chronology", "fostering", "court",
         "exploitation", "attendance", "curiosity"]  # fmt: skip
ANDS = ["health AND visitor", "social AND worker", "domestic AND abuse", "mental AND health", "information AND sharing",
        "school AND attendance", "police AND strategy AND meeting", "baby AND bruising AND hospital",
        "supervision AND caseload", "care AND leavers", "neglect AND housing", "alcohol AND drugs AND mother",
        "father AND violence", "referral AND threshold AND assessment", "midwife AND pregnancy"]  # fmt: skip
PHRASES = ['"was not brought"', '"voice of the child"', '"professional curiosity"', '"disguised compliance"',
           '"lived experience"', '"child protection plan"', '"information sharing"', '"domestic abuse"',
           '"mental health"', '"health visitor"', '"strategy meeting"', '"early help"', '"social worker"',
           '"safer sleep"', '"start again syndrome"']  # fmt: skip
FILTERED = [("neglect", {"themes": ["neglect"]}), ("health", {"themes": ["neglect"]}),
            ("assessment", {"themes": ["domestic_abuse", "parental_mental_health"]}),
            ("police", {"years": (2020, None)}), ('"child protection plan"', {"years": (2018, 2022)}),
            ("early AND help", {"themes": ["early_help_family_support"], "years": (2021, None)}),
            ("voice", {"themes": ["voice_of_the_child"]}), ("school", {"years": (2019, 2023)}),
            ('"information sharing"', {"themes": ["information_sharing_multiagency"]}),
            ("mother AND baby", {"years": (2015, 2020)})]  # fmt: skip


# Plain words and descriptions, as staff type them: read as descriptions (related words, relaxing).
NATURAL = ["health visitor", "social worker visits", "teenagers who go missing from care",
           "babies with unexplained bruises", "mum and dad drinking and fighting at home",
           "kids not going to school", "what happens after a referral to the front door",
           "young carers looking after a parent with mental health problems",
           "parents who say they will change but nothing happens", "children placed a long way from home"]  # fmt: skip


def query_set() -> list[dict[str, Any]]:
    queries = [{"kind": "term", "q": q, "filters": {}} for q in TERMS]
    queries += [{"kind": "and", "q": q, "filters": {}} for q in ANDS]
    queries += [{"kind": "phrase", "q": q, "filters": {}} for q in PHRASES]
    queries += [{"kind": "natural", "q": q, "filters": {}} for q in NATURAL]
    queries += [{"kind": "filtered", "q": q, "filters": f} for q, f in FILTERED]
    return queries


# -- child processes: one index build each, so ru_maxrss is the build's own -------------------
def child_archive(corpus: Path, out: Path) -> dict[str, Any]:
    from whoosh import index as whoosh_index

    from archive.index import FILE, META, META_KEY, SCHEMA_VERSION, file_key, make_schema
    from archive.themes import Tagger, load_taxonomy
    from indexer.write import add_passages, new_writer

    started = time.perf_counter()
    out.mkdir(parents=True)
    ix = whoosh_index.create_in(str(out), make_schema())
    tagger = Tagger(load_taxonomy())
    writer = new_writer(ix)
    passages = 0
    for doc in national.read_jsonl(corpus):
        themes = add_passages(writer, tagger, doc["doc_id"], doc["meta"], doc["passages"])
        record = {"path": doc["path"], "doc_id": doc["doc_id"], "outcome": "indexed", "pages": doc["pages"],
                  "passages": len(doc["passages"]), "meta": doc["meta"], "themes": themes}  # fmt: skip
        writer.add_document(key=file_key(doc["path"]), kind=FILE, data=record)
        passages += len(doc["passages"])
    meta = {"schema_version": SCHEMA_VERSION, "taxonomy": tagger.taxonomy.to_data()}
    writer.add_document(key=META_KEY, kind=META, data=meta)
    writer.commit()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "passages": passages}


def child_fts5(corpus: Path, out: Path) -> dict[str, Any]:
    started = time.perf_counter()
    out.mkdir(parents=True)
    db = sqlite3.connect(out / "fts5.db")
    db.execute("CREATE VIRTUAL TABLE p USING fts5(text, doc_id UNINDEXED, page UNINDEXED, tokenize='porter')")
    passages = 0
    with db:
        for doc in national.read_jsonl(corpus):
            db.executemany("INSERT INTO p(text, doc_id, page) VALUES (?, ?, ?)",
                           [(p["text"], doc["doc_id"], p["page"]) for p in doc["passages"]])  # fmt: skip
            passages += len(doc["passages"])
    db.close()
    return {"seconds": time.perf_counter() - started, "passages": passages}


def run_child(engine: str, corpus: Path, out: Path) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, "--child", engine, str(corpus), str(out)],
                          capture_output=True, text=True, check=False)  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(f"{engine} build failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["size_mb"] = sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 1e6
    return result


# -- queries ---------------------------------------------------------------------------------
def fts5_query(text: str) -> str:
    return text  # the same words: "a AND b", "phrase" and single terms mean the same in FTS5


def time_queries(index_dir: Path, db_path: Path, rounds: int) -> dict[str, Any]:
    from archive.search import Archive, Filters

    queries = query_set()
    archive = Archive(index_dir)
    known = set(archive.taxonomy.themes)
    queries = [q for q in queries if set(q["filters"].get("themes", [])) <= known]
    db = sqlite3.connect(db_path)
    sql = ("SELECT doc_id, page, snippet(p, 0, '**', '**', '…', 32) FROM p WHERE p MATCH ? "
           "ORDER BY rank LIMIT 10")  # fmt: skip

    def run_archive(q: dict[str, Any]) -> int:
        return len(archive.search(q["q"], Filters(**q["filters"])).hits)

    def run_fts5(q: dict[str, Any]) -> int:
        return len(db.execute(sql, (fts5_query(q["q"]),)).fetchall())

    times: dict[str, list[list[float]]] = {"archive": [[] for _ in queries], "fts5": [[] for _ in queries]}
    hits: dict[str, list[int]] = {"archive": [], "fts5": []}
    first: dict[str, list[float]] = {"archive": [], "fts5": []}
    for engine, fn in (("archive", run_archive), ("fts5", run_fts5)):
        for q in queries:  # warm-up: searcher, caches, page cache; timed as each query's first run
            t0 = time.perf_counter()
            hits[engine].append(fn(q))
            first[engine].append((time.perf_counter() - t0) * 1000)
        for _ in range(rounds):
            for i, q in enumerate(queries):
                t0 = time.perf_counter()
                fn(q)
                times[engine][i].append((time.perf_counter() - t0) * 1000)
    archive.close()
    db.close()

    def pcts(samples: list[float]) -> dict[str, float]:
        s = sorted(samples)
        pick = lambda p: s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]  # noqa: E731
        return {"p50": round(pick(50), 2), "p95": round(pick(95), 2), "p99": round(pick(99), 2)}

    out: dict[str, Any] = {"queries": len(queries), "rounds": rounds, "by_kind": {}}
    for engine in ("archive", "fts5"):
        out[engine] = pcts([t for ts in times[engine] for t in ts])
    # The first run of each query in a new process: the archive's engine decodes each word's
    # postings once and keeps them (up to a memory bound), so its later runs are faster.
    out["first_run"] = {engine: pcts(first[engine]) for engine in first}
    for kind in ("term", "and", "phrase", "natural", "filtered"):
        idx = [i for i, q in enumerate(queries) if q["kind"] == kind]
        out["by_kind"][kind] = {e: pcts([t for i in idx for t in times[e][i]]) for e in ("archive", "fts5")}
    slow = sorted(((statistics.median(times["archive"][i]), statistics.median(times["fts5"][i]), q["q"], q["filters"])
                   for i, q in enumerate(queries)), key=lambda r: r[0], reverse=True)  # fmt: skip
    out["slowest_archive"] = [{"q": q, "filters": {k: list(v) if isinstance(v, tuple) else v for k, v in f.items()},
                               "archive_ms": round(a, 2), "fts5_ms": round(b, 2)} for a, b, q, f in slow[:5]]  # fmt: skip
    out["zero_hit_queries"] = {e: [queries[i]["q"] for i, n in enumerate(hits[e]) if n == 0] for e in hits}
    return out


def time_cli(index_dir: Path, db_path: Path, count: int = 12) -> dict[str, Any]:
    """One-shot searches as a researcher runs them: a new 'archive search --format json' process per
    query (start-up, opening the index and printing included), next to the sqlite3 module doing the
    same FTS5 query in a new Python process."""
    picked = query_set()[:: max(1, len(query_set()) // count)][:count]
    fts5 = ("import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); print(db.execute(\"SELECT doc_id, page, "
            "snippet(p, 0, '**', '**', '…', 32) FROM p WHERE p MATCH ? ORDER BY rank LIMIT 10\", (sys.argv[2],)).fetchall())")  # fmt: skip
    times: dict[str, list[float]] = {"archive": [], "fts5": []}
    for q in picked:
        command = [sys.executable, "-m", "archive", "search", q["q"], "--index", str(index_dir), "--format", "json"]
        for name, value in q["filters"].items():
            if name == "years":
                command += ["--year", f"{value[0] or ''}-{value[1] or ''}"]
            elif name == "themes":
                command += [arg for theme in value for arg in ("--theme", theme)]
        for engine, cmd in (("archive", command), ("fts5", [sys.executable, "-c", fts5, str(db_path), q["q"]])):
            t0 = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=False, cwd=REPO)
            times[engine].append((time.perf_counter() - t0) * 1000)
    out: dict[str, Any] = {"queries": len(picked)}
    for engine, samples in times.items():
        s = sorted(samples)
        out[engine] = {"p50": round(s[len(s) // 2], 1), "p95": round(s[min(len(s) - 1, round(0.95 * (len(s) - 1)))], 1)}
    return out


# -- main ---------------------------------------------------------------------------------------
def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


def print_table(r: dict[str, Any]) -> None:
    c = r["corpus"]
    print(
        f"\nScale {r['scale']}: {c['documents']} documents, {c['pages']} pages, {c['passages']} passages ({c['source']})"
    )
    if {"archive", "fts5"} <= set(r["index"]):
        a, f = r["index"]["archive"], r["index"]["fts5"]
        print(f"\n{'index':<10} {'seconds':>9} {'passages/s':>11} {'peak MB':>9} {'size MB':>9}")
        for name, row in (("archive", a), ("FTS5", f)):
            print(
                f"{name:<10} {row['seconds']:>9.2f} {row['passages_per_s']:>11.0f} {row['peak_mb']:>9.0f} "
                f"{row['size_mb']:>9.1f}"
            )
        print(f"{'ratio':<10} {ratio(a['seconds'], f['seconds']):>9} {ratio(a['passages_per_s'], f['passages_per_s']):>11} "
              f"{ratio(a['peak_mb'], f['peak_mb']):>9} {ratio(a['size_mb'], f['size_mb']):>9}")  # fmt: skip
    q = r["queries"]
    print(
        f"\nqueries: {q['queries']} x {q['rounds']} rounds after a warm-up (ms; FTS5 gets the same words, no filters)"
    )
    print(f"{'':<20} {'archive p50':>11} {'p95':>8} {'p99':>8} {'FTS5 p50':>9} {'p95':>7} {'p99':>7} {'p95 ratio':>10}")
    rows = [("all", q["archive"], q["fts5"])] + [(k, v["archive"], v["fts5"]) for k, v in q["by_kind"].items()]
    for name, ar, fr in rows:
        print(f"{name:<20} {ar['p50']:>11.1f} {ar['p95']:>8.1f} {ar['p99']:>8.1f} {fr['p50']:>9.2f} {fr['p95']:>7.2f} "
              f"{fr['p99']:>7.2f} {ratio(ar['p95'], fr['p95']):>10}")  # fmt: skip
    fr = q.get("first_run")
    if fr:
        ar, fr5 = fr["archive"], fr["fts5"]
        print(f"{'first run of each':<20} {ar['p50']:>11.1f} {ar['p95']:>8.1f} {ar['p99']:>8.1f} {fr5['p50']:>9.2f} "
              f"{fr5['p95']:>7.2f} {fr5['p99']:>7.2f} {ratio(ar['p95'], fr5['p95']):>10}")  # fmt: skip
    print("slowest for the archive (median ms, archive / FTS5):")
    for s in q["slowest_archive"]:
        print(f"  {s['archive_ms']:8.1f} / {s['fts5_ms']:6.2f}  {s['q']} {s['filters'] or ''}")
    web = r.get("web")
    if web:
        print(f"\nweb path (results page through Flask's test client: search, facet counts, rendering): "
              f"{web['queries']} queries x {web['rounds']} rounds")  # fmt: skip
        print(
            f"  results page p50 {web['p50_ms']:.1f} ms, p95 {web['p95_ms']:.1f} ms, p99 {web['p99_ms']:.1f} ms, max {web['max_ms']:.1f} ms"
        )
        for kind, row in web["by_kind"].items():
            print(f"  {kind}: p50 {row['p50_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms")
    cli = r.get("cli")
    if cli:
        print(f"\nCLI path (a new process per query, {cli['queries']} queries): archive search p50 {cli['archive']['p50']:.0f} ms, "
              f"p95 {cli['archive']['p95']:.0f} ms; python + sqlite3 FTS5 p50 {cli['fts5']['p50']:.0f} ms, p95 {cli['fts5']['p95']:.0f} ms")  # fmt: skip
    ex = r.get("extraction")
    if ex:
        print(
            f"\nextraction ({ex['workers']} processes, {ex['files']} real PDFs){' — ' + ex['scope'] if ex.get('scope') else ''}"
        )
        for name in ("pypdf", "pdftotext"):
            row = ex.get(name)
            if row:
                extra = (
                    f"  -> {row['national_minutes']:.1f} min for {ex['national_pages']} pages (extrapolated)"
                    if "national_minutes" in row
                    else ""
                )
                print(
                    f"  {name:<10} {row['seconds']:>8.1f} s {row['pages']:>7} pages {row['pages_per_s']:>8.1f} pages/s{extra}"
                )
        if ex.get("note"):
            print("  " + ex["note"])
        if ex.get("pypdf") and ex.get("pdftotext"):
            print(f"  pypdf / pdftotext time: {ratio(ex['pdftotext']['pages_per_s'], ex['pypdf']['pages_per_s'])}")
    if r.get("end_to_end"):
        print("\nend-to-end (benchmarks/index_speed.py):")
        for row in r["end_to_end"]:
            rate = row["pages"] / row["seconds"] if row["pages"] else 0
            print(f"  {row['what']:<45} {row['seconds']:>8.2f} s {row['pages']:>6} pages {rate:>7.1f} pages/s")
    for note in r["notes"]:
        print("note: " + note)
    if r.get("national_pdfs"):
        import national_pdfs

        national_pdfs.print_table(r["national_pdfs"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("small", "real", "national"), default="small")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--rounds", type=int, default=None, help="timed passes over the queries (default 5; 3 national)"
    )
    parser.add_argument(
        "--with-extraction", action="store_true", help="also run benchmarks/index_speed.py (real; ~4 min)"
    )
    parser.add_argument("--no-extraction", action="store_true", help="skip pypdf vs pdftotext")
    parser.add_argument("--no-web", action="store_true", help="skip the web path (results page) and CLI path timings")
    parser.add_argument("--real-index", type=Path, default=national.REAL_INDEX, help="index to take real passages from")
    parser.add_argument("--documents", type=int, default=2000, help="national: documents (default 2000)")
    parser.add_argument("--pages", type=int, default=40, help="national: pages per document (default 40)")
    parser.add_argument("--with-pdfs", action="store_true", help="national: also as PDFs (benchmarks/national_pdfs.py)")
    parser.add_argument("--work", type=Path, help="keep the corpus and indexes here (default: a temporary folder)")
    parser.add_argument("--reuse", action="store_true",
                        help="with --work: time queries on the indexes already there (no build figures)")  # fmt: skip
    args = parser.parse_args()
    if args.with_pdfs and args.scale != "national":
        parser.error("--with-pdfs needs --scale national")

    work = args.work or Path(tempfile.mkdtemp(prefix="crar-bench-"))
    notes: list[str] = []
    corpus = work / f"{args.scale}.jsonl"
    t0 = time.perf_counter()
    if args.scale == "small":
        counts, source = national.write_jsonl(corpus, national.small_docs()), "generated text"
    else:
        real, source = national.real_docs(args.real_index)
        if args.scale == "real":
            counts = national.write_jsonl(corpus, iter(real))
        else:
            counts = national.write_jsonl(
                corpus, national.national_docs(real, documents=args.documents, pages=args.pages)
            )
            source = f"{len(real)} real documents' pages recombined (seed {national.SEED}); real from " + source
    print(f"corpus ready in {time.perf_counter() - t0:.1f} s: {counts} -> {corpus}", flush=True)

    index: dict[str, Any] = {}
    for engine in ("archive", "fts5"):
        out = work / f"{args.scale}-{engine}"
        if args.reuse and out.is_dir():
            notes.append(f"{engine}: the index already in {out} was used; build figures are not measured")
            continue
        shutil.rmtree(out, ignore_errors=True)
        row = run_child(engine, corpus, out)
        row["passages_per_s"] = row["passages"] / row["seconds"]
        index[engine] = row
        print(f"{engine} index built: {row['seconds']:.1f} s, peak {row['peak_mb']:.0f} MB", flush=True)
    rounds = args.rounds or (3 if args.scale == "national" else 5)
    queries = time_queries(work / f"{args.scale}-archive", work / f"{args.scale}-fts5" / "fts5.db", rounds)
    notes.append("peak MB is the peak RSS (VmHWM) of the child that only builds the index (Python + its imports included; "
                 "the corpus is streamed from a JSONL file one document at a time)")  # fmt: skip
    notes.append("archive queries also count all matches per document (its totals) and collapse to 3 per document; "
                 "FTS5 only fetches the top 10 with snippet(); filtered queries run unfiltered on FTS5")  # fmt: skip
    result: dict[str, Any] = {"scale": args.scale, "corpus": counts | {"source": source}, "index": index,
                              "queries": queries, "notes": notes}  # fmt: skip
    if not args.no_web:
        import web_latency

        result["web"] = web_latency.measure(work / f"{args.scale}-archive", rounds)
        print(f"web path timed: p95 {result['web']['p95_ms']:.1f} ms", flush=True)
        result["cli"] = time_cli(work / f"{args.scale}-archive", work / f"{args.scale}-fts5" / "fts5.db")
    if args.scale != "small" and not args.no_extraction:
        from index_speed import extraction

        ex = extraction(national.REAL_PDFS)
        if args.scale == "national":
            ex["scope"] = "measured on the real corpus, extrapolated to the national page count"
            ex["national_pages"] = counts["pages"]
            for name in ("pypdf", "pdftotext"):
                if ex.get(name):
                    ex[name]["national_minutes"] = counts["pages"] / ex[name]["pages_per_s"] / 60
        result["extraction"] = ex
    elif args.scale == "small":
        notes.append("extraction (pypdf vs pdftotext) is measured at real and national scale only")
    if args.with_extraction:
        out = work / "index_speed.json"
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "index_speed.py"), str(national.REAL_PDFS),
                        "--json", str(out)], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        result["end_to_end"] = json.loads(out.read_text())
    if args.with_pdfs:
        import national_pdfs

        result["national_pdfs"] = national_pdfs.measure(corpus, source, work)
    print_table(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


def peak_mb() -> float:
    """This process's peak resident memory. VmHWM belongs to the process's own memory
    map, so it starts afresh at exec; ru_maxrss can carry the parent's peak across
    fork+exec on Linux (it did here: FTS5 reported the parent's 190 MB)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child_main(engine: str, corpus: str, out: str) -> None:
    fn = child_archive if engine == "archive" else child_fts5
    result = fn(Path(corpus), Path(out))
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child_main(*sys.argv[2:])
    else:
        main()
