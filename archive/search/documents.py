"""One document: its stored passages by page, the evidence for its themes, and where a query matches it."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from whoosh import query

from archive.index.schema import PASSAGE
from archive.search.archive import Archive


@dataclass
class Page:
    number: int
    passages: list[dict[str, Any]]


def document_pages(archive: Archive, doc_id: str) -> list[Page]:
    """The document's stored passages in reading order, grouped by page."""
    stored = [dict(p) for p in archive.searcher().documents(doc_id=doc_id, kind=PASSAGE)]
    stored.sort(key=lambda p: (p.get("position", 0), p.get("page", 0)))
    pages: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for passage in stored:
        pages[passage.get("page", 0)].append(passage)
    return [Page(number, passages) for number, passages in sorted(pages.items())]


def document_evidence(pages: list[Page]) -> dict[str, Counter[str]]:
    """Theme id → how many passages each evidence term was found in."""
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    for page in pages:
        for passage in page.passages:
            for theme_id, terms in (passage.get("evidence") or {}).items():
                evidence[theme_id].update(terms)
    return dict(evidence)


def document_matches(archive: Archive, text: str, doc_id: str) -> tuple[dict[str, frozenset[str]], list[str]]:
    """Passages of one document matching ``text``: passage key → the index terms that
    matched in it (to mark them), and the query's notes. Raises QueryError like search."""
    q, notes = archive.parse(text)
    searcher = archive.searcher()
    results = searcher.search(q, limit=None, filter=query.Term("doc_id", doc_id), terms=True)
    matches = {}
    for hit in results:
        terms = frozenset(
            t.decode("utf-8") if isinstance(t, bytes) else str(t)
            for fieldname, t in (hit.matched_terms() or ())
            if fieldname == "text"
        )
        matches[hit["key"]] = terms
    return matches, notes
