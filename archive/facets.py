"""What the search page needs beyond ``Archive.search``: counts for the current query
(passages per theme, per review type, per document), one document's text and matches,
and results shaped for a page (grouped by document, excerpts, bars of a chart).

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

import numpy as np
from whoosh import query
from whoosh.searching import Searcher

from archive.engine import Unsupported

from archive.schema import PASSAGE, REVIEW_TYPES, TEXT_ANALYZER
from archive.search import MARK_END, MARK_START, Archive, Hit


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
        theme_ids = list(self.archive.taxonomy.themes)
        try:
            return self._counts_engine(q, filter_q, filter_without_type, theme_ids, review_type_filtered)
        except Unsupported:
            return self._counts_whoosh(q, filter_q, filter_without_type, theme_ids, review_type_filtered)

    def _counts_whoosh(
        self, q: query.Query | None, filter_q: query.Query | None, filter_without_type: query.Query | None,
        theme_ids: list[str], review_type_filtered: bool,
    ) -> QueryCounts:  # fmt: skip
        """counts() with Whoosh's own search, for queries the array engine does not evaluate."""
        searcher = self.archive.searcher()
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

    def _counts_engine(
        self, q: query.Query | None, filter_q: query.Query | None, filter_without_type: query.Query | None,
        theme_ids: list[str], review_type_filtered: bool,
    ) -> QueryCounts:  # fmt: skip
        """counts() over the archive's array engine: one pass, then a mask per theme and type."""
        _, engine = self.archive.engine()
        everything = q is None and filter_q is None
        q = _or_every_passage(q)
        found = engine.matches(q, filter_q)
        mask = np.zeros(engine.size, dtype=bool)
        mask[found.docs] = True
        themes = {t: int(np.count_nonzero(mask[engine.postings("themes", t)[0]])) for t in theme_ids}
        if review_type_filtered:
            mask[:] = False
            mask[engine.matches(q, filter_without_type).docs] = True
        types = {code: int(np.count_nonzero(mask[engine.postings("review_type", code)[0]])) for code in REVIEW_TYPES}
        per_doc = {} if everything else engine.per_document(found)
        return QueryCounts(total=len(found.docs), themes=themes, review_types=types, per_doc=per_doc)

    def total(self, q: query.Query | None, filter_q: query.Query | None = None) -> int:
        """Matching passages, for suggestions such as 'without the filters, N match'."""
        try:
            _, engine = self.archive.engine()
            return len(engine.matches(_or_every_passage(q), filter_q).docs)
        except Unsupported:
            pass
        per_doc, _ = self._matching(self.archive.searcher(), q, filter_q)
        return sum(per_doc.values())

    def any(self, q: query.Query) -> bool:
        """Whether any passage matches ``q`` (cheap: stops at the first)."""
        return not self.archive.searcher().search(q, limit=1).is_empty()

    @staticmethod
    def _matching(
        searcher: Searcher, q: query.Query | None, filter_q: query.Query | None
    ) -> tuple[dict[str, int], set[int]]:
        q = _or_every_passage(q)
        found = searcher.search(q, limit=None, filter=filter_q, groupedby="doc_id", scored=False)
        groups = found.groups("doc_id")
        matching: set[int] = set()
        for numbers in groups.values():
            matching.update(numbers)
        return {doc_id: len(numbers) for doc_id, numbers in groups.items()}, matching


def _or_every_passage(q: query.Query | None) -> query.Query:
    """The query, or (None) one matching every passage."""
    return q if q is not None else query.Term("kind", PASSAGE)


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


# -- shaping results for a page ------------------------------------------------------------


@dataclass
class DocumentGroup:
    """One document's passages on a results page, in the order of its best passage."""

    doc_id: str
    title: str
    path: str
    year: int | None
    review_type: str
    partnership: str | None
    hits: list[Hit]
    matching: int  # passages of this document matching the search


def group_hits(hits: list[Hit], per_doc: dict[str, int]) -> list[DocumentGroup]:
    groups: dict[str, DocumentGroup] = {}
    for hit in hits:
        group = groups.get(hit.doc_id)
        if group is None:
            group = groups[hit.doc_id] = DocumentGroup(
                hit.doc_id, hit.title, hit.path, hit.year, hit.review_type, hit.partnership, [], per_doc.get(hit.doc_id, 0)
            )
        group.hits.append(hit)
    return list(groups.values())


def excerpt(marked: str, width: int = 320) -> str:
    """About ``width`` characters of marked text around its first match."""
    if len(marked) <= width:
        return marked
    first = max(marked.find(MARK_START), 0)
    start = max(0, first - width // 3)
    if start:
        start = min(marked.find(" ", start) + 1 or start, first)  # at a word, never past the first match
    end = min(len(marked), start + width)
    space = marked.rfind(" ", start + 1, end)
    if end < len(marked) and space > start:
        end = space
    piece = marked[start:end]
    # Never cut a marked word in half.
    if piece.count(MARK_START) > piece.count(MARK_END):
        piece += MARK_END
    return ("… " if start else "") + piece + (" …" if end < len(marked) else "")


def year_bars(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One bar per year from the first to the last, widths in percent of the bar area;
    a run of years without documents is one row ("2005–2009"), so sparse years stay short."""
    if not rows:
        return []
    by_year = {r["year"]: r for r in rows}
    top = max(r["year_documents"] for r in rows) or 1
    bars: list[dict[str, Any]] = []
    for year in range(min(by_year), max(by_year) + 1):
        row = by_year.get(year)
        if row is None or not row["year_documents"]:
            if bars and bars[-1]["empty"]:
                bars[-1]["last"] = year
            else:
                bars.append({"year": year, "last": year, "empty": True})
            continue
        bars.append({
            "year": year, "last": year, "empty": False, "documents": row["documents"],
            "year_documents": row["year_documents"], "proportion": row["proportion"],
            "all_width": round(100 * row["year_documents"] / top, 2),
            "theme_width": round(100 * row["documents"] / top, 2),
        })  # fmt: skip
    return bars
