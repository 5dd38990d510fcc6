"""What the search page needs beyond ``Archive.search``: counts for the current query
(passages per theme, per review type, per document) and one document's text and matches.

Library code: plain values in, plain data out, no Flask. Counting works on document
numbers: the query's matching passages are collected once (unscored), then
intersected with each theme's passages, which are read once per searcher and kept
until a commit brings a new one.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from whoosh import query
from whoosh.searching import Searcher

from archive.schema import PASSAGE, REVIEW_TYPES, TEXT_ANALYZER
from archive.search import MARK_END, MARK_START, Archive


@dataclass
class QueryCounts:
    """Matching passages in all, per theme, per review type and per document."""

    total: int
    themes: dict[str, int]
    review_types: dict[str, int]
    per_doc: dict[str, int] = field(default_factory=dict)


class Facets:
    """Facet counts for queries against one ``Archive``; safe to share between threads."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self._lock = threading.Lock()
        self._searcher: Searcher | None = None
        self._postings: dict[tuple[str, str], frozenset[int]] = {}

    def _docnums(self, searcher: Searcher, fieldname: str, value: str) -> frozenset[int]:
        """Passages carrying ``value`` in ``fieldname``, cached for this searcher."""
        with self._lock:
            if searcher is not self._searcher:
                self._searcher, self._postings = searcher, {}
            found = self._postings.get((fieldname, value))
        if found is None:
            found = frozenset(searcher.docs_for_query(query.Term(fieldname, value)))
            with self._lock:
                if searcher is self._searcher:
                    self._postings[(fieldname, value)] = found
        return found

    def counts(
        self,
        q: query.Query | None,
        filter_q: query.Query | None,
        filter_without_type: query.Query | None = None,
        *,
        review_type_filtered: bool = False,
    ) -> QueryCounts:
        """Counts for passages matching ``q`` (None: every passage) within ``filter_q``.

        Theme counts are drill-downs: how many passages would remain with that theme
        added to the current filters. Review type counts ignore the current review type
        (``filter_without_type`` is the filter without it), so each option shows what
        choosing it would give.
        """
        searcher = self.archive.searcher()
        theme_ids = list(self.archive.taxonomy.themes)
        if q is None and filter_q is None:
            themes = {t: len(self._docnums(searcher, "themes", t)) for t in theme_ids}
            types = {code: len(self._docnums(searcher, "review_type", code)) for code in REVIEW_TYPES}
            return QueryCounts(total=sum(types.values()), themes=themes, review_types=types)

        per_doc, matching = self._matching(searcher, q, filter_q)
        themes = {t: len(matching & self._docnums(searcher, "themes", t)) for t in theme_ids}
        if review_type_filtered:
            _, matching = self._matching(searcher, q, filter_without_type)
        types = {code: len(matching & self._docnums(searcher, "review_type", code)) for code in REVIEW_TYPES}
        return QueryCounts(total=sum(per_doc.values()), themes=themes, review_types=types, per_doc=per_doc)

    def total(self, q: query.Query | None, filter_q: query.Query | None = None) -> int:
        """Matching passages, for suggestions such as 'without the filters, N match'."""
        per_doc, _ = self._matching(self.archive.searcher(), q, filter_q)
        return sum(per_doc.values())

    def any(self, q: query.Query) -> bool:
        """Whether any passage matches ``q`` (cheap: stops at the first)."""
        return not self.archive.searcher().search(q, limit=1).is_empty()

    @staticmethod
    def _matching(
        searcher: Searcher, q: query.Query | None, filter_q: query.Query | None
    ) -> tuple[dict[str, int], set[int]]:
        q = q if q is not None else query.Term("kind", PASSAGE)
        found = searcher.search(q, limit=None, filter=filter_q, groupedby="doc_id", scored=False)
        groups = found.groups("doc_id")
        matching: set[int] = set()
        for numbers in groups.values():
            matching.update(numbers)
        return {doc_id: len(numbers) for doc_id, numbers in groups.items()}, matching


# -- one document ---------------------------------------------------------------------


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


def mark_terms(text: str, terms: frozenset[str] | set[str]) -> str:
    """``text`` with every word whose indexed form is in ``terms`` between MARK_START and MARK_END."""
    if not terms:
        return text
    spans = [
        (token.startchar, token.endchar)
        for token in TEXT_ANALYZER(text, chars=True)
        if token.text in terms
    ]
    out, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        out.append(text[last:start] + MARK_START + text[start:end] + MARK_END)
        last = end
    out.append(text[last:])
    return "".join(out)
