"""What stands behind ``Archive``'s queries: a backend evaluates a parsed query under a filter.

Two backends answer the same interface (``Backend.matches`` → ``Matches``, the
matching passages' numbers and scores as sorted arrays):

- ``archive.search.engine.Engine``: NumPy over Whoosh's postings, for every query
  form it knows (words, phrases, prefixes, AND, OR, NOT); it raises ``Unsupported``
  for anything else;
- ``WhooshBackend``: Whoosh's own search, for the rest (``+word``).

Everything after evaluation — totals, per-document counts, the top passages with
at most N per document, sorting by year — is done once, on ``Columns``: the index's
per-passage columns (live or deleted, which document, which year).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from whoosh import query
from whoosh.searching import Searcher

EMPTY = np.zeros(0, dtype=np.int64)


class Unsupported(Exception):
    """A query a backend does not evaluate; ask another one."""


class Coordinated(query.Or):
    """Any of the parts, at least ``minmatch`` of them, scored higher the more parts a passage holds:
    the parts' summed scores times (parts held / parts) ** ``power``. (Whoosh's own search, which
    ignores ``minmatch``, reads it as a plain OR.)"""

    def __init__(
        self, subqueries: list[query.Query], minmatch: int = 1, power: float = 2.0, boost: float = 1.0
    ) -> None:
        super().__init__(subqueries, boost=boost, minmatch=minmatch)
        self.power = power

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Coordinated) and super().__eq__(other) and other.minmatch == self.minmatch

    def __hash__(self) -> int:
        return hash((tuple(self.subqueries), self.minmatch, self.power))

    def __repr__(self) -> str:
        return f"Coordinated({self.subqueries!r}, minmatch={self.minmatch}, power={self.power})"


@dataclass
class Matches:
    docs: np.ndarray  # sorted, unique global passage numbers
    scores: np.ndarray  # float64, one per passage

    @classmethod
    def empty(cls) -> Matches:
        return cls(EMPTY, np.zeros(0))


def column_values(leaf: Any, field: str, count: int) -> list[Any]:
    """A string column's value per document of one segment (empty where there is none)."""
    if not leaf.has_column(field):
        return [""] * count
    column = leaf.column_reader(field)
    raw = column.raw_column() if hasattr(column, "raw_column") else column
    try:  # a variable-bytes column: its data in one read, cut at the stored offsets
        offsets, lengths = raw._offsets, raw._lengths
        end = max((o + n for o, n in zip(offsets[-1:], lengths[-1:])), default=0)
        blob = raw._dbfile.get(raw._basepos, end)
        values = [blob[o : o + n].decode("utf-8") for o, n in zip(offsets, lengths)]
        return values + [""] * (count - len(values))
    except Exception:
        return [v.decode("utf-8") if isinstance(v, bytes) else (v or "") for v in column]


class Columns:
    """Per-passage arrays of one index state, and what is worked out from matches with them."""

    def __init__(self, searcher: Searcher, doc_years: dict[str, int | None]) -> None:
        self.searcher = searcher
        reader = searcher.reader()
        self.leaves = list(reader.leaf_readers()) if hasattr(reader, "leaf_readers") else [(reader, 0)]
        self.size = reader.doc_count_all()
        self.live = np.ones(self.size, dtype=bool)
        ords = np.full(self.size, -1, dtype=np.int64)
        doc_ids: dict[str, int] = {}
        for leaf, offset in self.leaves:
            count = leaf.doc_count_all()
            for docnum in getattr(leaf, "deleted_docs_set", ()) or ():
                self.live[offset + docnum] = False
            for docnum, value in enumerate(column_values(leaf, "doc_id", count)):
                if value:
                    ords[offset + docnum] = doc_ids.setdefault(value, len(doc_ids))
        self.ords = ords
        self.doc_ids = list(doc_ids)
        self.ordinals = doc_ids  # document id -> its number in ords
        years = np.full(len(self.doc_ids) + 1, -1, dtype=np.int64)  # last slot: records of no document
        for doc_id, ordinal in doc_ids.items():
            year = doc_years.get(doc_id)
            years[ordinal] = int(year) if year else -1
        self.years = years[ords]  # per passage (-1: no year)

    def counts(self, found: Matches) -> tuple[int, int]:
        """(matching passages, documents they are in)."""
        if not len(found.docs):
            return 0, 0
        ords = self.ords[found.docs]
        ords = ords[ords >= 0]
        return len(found.docs), int(np.count_nonzero(np.bincount(ords))) if len(ords) else 0

    def per_document(self, found: Matches) -> dict[str, int]:
        """Matching passages per document id."""
        ords = self.ords[found.docs]
        ords = ords[ords >= 0]
        counts = np.bincount(ords, minlength=len(self.doc_ids)) if len(ords) else np.zeros(0, dtype=np.int64)
        return {self.doc_ids[i]: int(counts[i]) for i in np.flatnonzero(counts).tolist()}

    def top(
        self, found: Matches, *, limit: int, per_doc: int | None = None, sort: str = "relevance"
    ) -> list[tuple[int, float]]:
        """The first ``limit`` (docnum, score) in order, at most ``per_doc`` per document.

        Order: best score first, then the lower document number (Whoosh's order);
        "newest"/"oldest" put the year first.
        """
        n = len(found.docs)
        if not n or limit <= 0:
            return []
        docs, scores = found.docs, found.scores
        if sort in ("newest", "oldest"):
            years = self.years[docs]
            order = np.lexsort((docs, -scores, -years if sort == "newest" else years))
            return self._collapse(order, docs, scores, limit, per_doc)
        pool = min(n, max(64, limit * (per_doc or 1) * 4) if per_doc else limit)
        while True:
            if pool < n:
                cut = np.partition(-scores, pool - 1)[pool - 1]
                chosen = np.flatnonzero(-scores <= cut)
            else:
                chosen = np.arange(n)
            order = chosen[np.lexsort((docs[chosen], -scores[chosen]))]
            picked = self._collapse(order, docs, scores, limit, per_doc)
            if len(picked) >= limit or len(chosen) >= n:
                return picked
            pool = min(n, pool * 8)

    def _collapse(
        self, order: Iterable[int], docs: np.ndarray, scores: np.ndarray, limit: int, per_doc: int | None
    ) -> list[tuple[int, float]]:
        picked: list[tuple[int, float]] = []
        seen: dict[int, int] = {}
        ords = self.ords
        for i in np.asarray(order).tolist():
            docnum = int(docs[i])
            if per_doc:
                ordinal = int(ords[docnum])
                if seen.get(ordinal, 0) >= per_doc:
                    continue
                seen[ordinal] = seen.get(ordinal, 0) + 1
            picked.append((docnum, float(scores[i])))
            if len(picked) >= limit:
                break
        return picked


class Backend(Protocol):
    """Evaluates a parsed query, under an optional filter, against one index state."""

    columns: Columns

    def matches(self, q: query.Query, filter_q: query.Query | None = None) -> Matches:
        """Every matching passage with its score; ``Unsupported`` if the query is not one it knows."""
        ...


class WhooshBackend:
    """Whoosh's own search: slower (it visits matches one by one), but it knows every query."""

    def __init__(self, columns: Columns) -> None:
        self.columns = columns

    def matches(self, q: query.Query, filter_q: query.Query | None = None) -> Matches:
        results = self.columns.searcher.search(q, limit=None, filter=filter_q)
        found = results.top_n
        if not found:
            return Matches.empty()
        docs = np.fromiter((docnum for _, docnum in found), dtype=np.int64, count=len(found))
        scores = np.fromiter((score or 0.0 for score, _ in found), dtype=np.float64, count=len(found))
        order = np.argsort(docs, kind="stable")
        return Matches(docs[order], scores[order])
