"""Corpora for benchmarks/run.py, as JSONL: one line per document.

    {"doc_id": ..., "path": ..., "pages": N, "meta": {...},
     "passages": [{"key", "page", "position", "text"}, ...]}

- ``real``: the archive's own passages of ../shared/corpus/real, read from an
  existing index (read-only; default /tmp/ixr2), else extracted from the PDFs
  with the archive's extractor (cleaning + split_document), in a process pool.
- ``national``: ~2,000 documents x 40 pages made by drawing real pages (with
  all their passages) at random with a fixed seed, so word statistics, passage
  lengths and phrases are real; each document takes the metadata (year, review
  type, partnership, title) of a random real document.
- ``small``: a few hundred passages of generated text from a built-in
  vocabulary (no corpus or index needed), for a smoke test in seconds.
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SEED = 6
REAL_PDFS = REPO.parent / "shared" / "corpus" / "real"
REAL_INDEX = Path("/tmp/ixr2")


def write_jsonl(path: Path, docs: Iterator[dict[str, Any]]) -> dict[str, int]:
    counts = {"documents": 0, "pages": 0, "passages": 0}
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc) + "\n")
            counts["documents"] += 1
            counts["pages"] += doc["pages"]
            counts["passages"] += len(doc["passages"])
    return counts


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


# -- real ------------------------------------------------------------------------
def real_from_index(index_dir: Path) -> list[dict[str, Any]]:
    """The passages and document metadata of an existing archive index (opened read-only)."""
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(index_dir), readonly=True)
    with ix.searcher() as searcher:
        files = {}
        for stored in searcher.documents(kind="file"):
            data = dict(stored["data"])
            if data.get("outcome") == "indexed":
                files.setdefault(data["doc_id"], data)
        passages: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for p in searcher.documents(kind="passage"):
            passages[p["doc_id"]].append(
                {"key": p["key"], "page": p["page"], "position": p["position"], "text": p["text"]}
            )
    ix.close()
    docs = []
    for doc_id in sorted(passages):
        record = files.get(doc_id, {})
        docs.append({
            "doc_id": doc_id, "path": record.get("path", doc_id + ".pdf"), "pages": record.get("pages", 0),
            "meta": record.get("meta", {}), "passages": sorted(passages[doc_id], key=lambda p: p["position"]),
        })  # fmt: skip
    return docs


def _extract_one(path: Path) -> dict[str, Any] | None:
    from indexer.extract import extract
    from indexer.plan import file_hash

    result = extract(path, path.name)
    if result.outcome != "indexed":
        return None
    doc_id = file_hash(path)[:16]
    return {
        "doc_id": doc_id, "path": path.name, "pages": result.pages, "meta": result.metadata or {},
        "passages": [{"key": f"{doc_id}-{p.position}", "page": p.page, "position": p.position, "text": p.text}
                     for p in result.passages],
    }  # fmt: skip


def real_from_pdfs(pdf_dir: Path, workers: int = 2) -> list[dict[str, Any]]:
    from concurrent.futures import ProcessPoolExecutor

    from indexer.plan import scan

    files = list(scan(pdf_dir).values())
    with ProcessPoolExecutor(workers) as pool:
        return [d for d in pool.map(_extract_one, files, chunksize=4) if d]


def real_docs(index_dir: Path | None = REAL_INDEX, pdf_dir: Path = REAL_PDFS) -> tuple[list[dict[str, Any]], str]:
    if index_dir and any(Path(index_dir).glob("_MAIN_*.toc")):
        return real_from_index(Path(index_dir)), f"passages of the existing index {index_dir} (read-only)"
    return real_from_pdfs(pdf_dir), f"passages extracted from {pdf_dir} by the archive's extractor"


# -- national --------------------------------------------------------------------
def national_docs(
    real: list[dict[str, Any]], documents: int = 2000, pages: int = 40, seed: int = SEED
) -> Iterator[dict[str, Any]]:
    """Documents of `pages` real pages each, drawn at random (fixed seed) from every real page."""
    rng = random.Random(seed)
    real_pages = []  # each: the texts of one real page's passages
    for doc in real:
        by_page: dict[int, list[str]] = defaultdict(list)
        for p in doc["passages"]:
            by_page[p["page"]].append(p["text"])
        real_pages.extend(by_page.values())
    metas = [doc["meta"] for doc in real]
    for n in range(documents):
        doc_id = f"nat{n:05d}"
        passages, position = [], 0
        for page in range(1, pages + 1):
            for text in rng.choice(real_pages):
                passages.append({"key": f"{doc_id}-{position}", "page": page, "position": position, "text": text})
                position += 1
        meta = dict(rng.choice(metas))
        yield {"doc_id": doc_id, "path": f"national/{doc_id}.pdf", "pages": pages, "meta": meta, "passages": passages}


# -- small -----------------------------------------------------------------------
_WORDS = """child children family mother father baby infant school health visitor social worker police
neglect assessment plan safeguarding review practice agency agencies partnership referral concern concerns
home visit meeting strategy evidence risk harm injury bruising hospital doctor nurse midwife GP housing
domestic abuse violence alcohol drugs mental support services team manager supervision record records
information sharing decision threshold escalation early help care placement foster court order judge
was not brought voice of the child professional curiosity disguised compliance lived experience""".split()
_PHRASES = ["voice of the child", "was not brought", "professional curiosity", "information sharing",
            "domestic abuse", "mental health", "social worker", "health visitor", "child protection plan"]  # fmt: skip


def small_docs(documents: int = 30, pages: int = 4, per_page: int = 3, seed: int = SEED) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    metas = [
        {"title": "Review of A", "year": 2018, "review_type": "scr", "partnership": "Northshire"},
        {"title": "Review of B", "year": 2021, "review_type": "cspr", "partnership": "Southshire"},
        {"title": "Briefing C", "year": 2023, "review_type": "briefing", "partnership": "Department for Education"},
    ]
    for n in range(documents):
        doc_id = f"small{n:03d}"
        passages, position = [], 0
        for page in range(1, pages + 1):
            for _ in range(per_page):
                words = []
                while len(words) < rng.randint(80, 200):
                    words.extend(rng.choice(_PHRASES).split() if rng.random() < 0.1 else [rng.choice(_WORDS)])
                text = " ".join(words).capitalize() + "."
                passages.append({"key": f"{doc_id}-{position}", "page": page, "position": position, "text": text})
                position += 1
        yield {
            "doc_id": doc_id,
            "path": f"small/{doc_id}.pdf",
            "pages": pages,
            "meta": dict(metas[n % 3]),
            "passages": passages,
        }
