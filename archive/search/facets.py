"""Counts for the current query: matching passages in all, per theme, review type, area and document.

Counting works on passage numbers: the query's matching passages are found once
(by the archive's backend), then intersected with each theme's and each review
type's passages, read from the index's postings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from whoosh import query

from archive.index.schema import PASSAGE, REVIEW_TYPES
from archive.search.archive import Archive


@dataclass
class QueryCounts:
    """Matching passages in all, per theme, per review type, per area and per document."""

    total: int
    themes: dict[str, int]
    review_types: dict[str, int]
    per_doc: dict[str, int] = field(default_factory=dict)
    areas: dict[str, int] = field(default_factory=dict)  # area -> matching passages, most first


class Facets:
    """Facet counts for queries against one ``Archive``; safe to share between threads."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive

    def counts(
        self,
        q: query.Query | None,
        filter_q: query.Query | None,
        filter_without_type: query.Query | None = None,
        *,
        review_type_filtered: bool = False,
        filter_without_area: query.Query | None = None,
        area_filtered: bool = False,
    ) -> QueryCounts:
        """Counts for passages matching ``q`` (None: every passage) within ``filter_q``.

        Theme counts are drill-downs: how many passages would remain with that theme
        added to the current filters. Review type counts ignore the current review type
        (``filter_without_type`` is the filter without it), and area counts the current
        area (``filter_without_area``), so each option shows what choosing it would give.
        """
        _, engine = self.archive.engine()
        everything = q is None and filter_q is None
        q = every_passage(q)
        found = self.archive.matches(q, filter_q, engine)
        mask = np.zeros(engine.size, dtype=bool)
        mask[found.docs] = True
        theme_ids = list(self.archive.taxonomy.themes)
        themes = {t: int(np.count_nonzero(mask[engine.postings("themes", t)[0]])) for t in theme_ids}
        if review_type_filtered:
            mask[:] = False
            mask[self.archive.matches(q, filter_without_type, engine).docs] = True
        types = {code: int(np.count_nonzero(mask[engine.postings("review_type", code)[0]])) for code in REVIEW_TYPES}
        all_docs = engine.per_document(found)
        per_doc = {} if everything else all_docs
        if area_filtered:
            all_docs = engine.per_document(self.archive.matches(q, filter_without_area, engine))
        areas: dict[str, int] = {}
        documents = self.archive.documents
        for doc_id, n in all_docs.items():
            record = documents.get(doc_id)
            area = (record.get("meta") or {}).get("area") if record else None
            if area:
                areas[area] = areas.get(area, 0) + n
        areas = dict(sorted(areas.items(), key=lambda item: (-item[1], item[0])))
        return QueryCounts(total=len(found.docs), themes=themes, review_types=types, per_doc=per_doc, areas=areas)

    def total(self, q: query.Query | None, filter_q: query.Query | None = None) -> int:
        """Matching passages, for suggestions such as 'without the filters, N match'."""
        return self.archive.count(q, filter_q)

    def any(self, q: query.Query) -> bool:
        """Whether any passage matches ``q``."""
        return self.archive.count(q) > 0


def every_passage(q: query.Query | None) -> query.Query:
    """The query, or (None) one matching every passage."""
    return q if q is not None else query.Term("kind", PASSAGE)
