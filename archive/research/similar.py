"""Similar passages: passages of other documents ranked by the key terms of one passage."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from whoosh import query

from archive.index.text import TEXT_ANALYZER
from archive.research.concordance import hit_for
from archive.search import Archive, Filters, Hit, SearchResults

KEY_TERMS = 12
COMMON_SHARE = 0.1  # a word in more passages than this says little about one passage


@dataclass
class Similar:
    passage: Hit
    key_terms: list[str]  # as written in the passage
    results: SearchResults

    def as_dict(self) -> dict[str, Any]:
        return {"passage": self.passage.as_dict(), "key_terms": self.key_terms, **self.results.as_dict()}


def key_terms(archive: Archive, text: str, doc_id: str, number: int = KEY_TERMS) -> list[tuple[str, float]]:
    """The passage's most telling index terms that other documents use too, with TF-IDF weights.

    Words only (no paragraph numbers), of 3 letters or more, found in at most
    COMMON_SHARE of passages (the rest are the language, not the subject); a
    word no other document uses (the child's name) cannot find anything.
    """
    searcher = archive.searcher()
    count = max(searcher.doc_count(), 1)
    frequency = Counter(t.text for t in TEXT_ANALYZER(text))
    weights = {}
    for term, n in frequency.items():
        df = searcher.doc_frequency("text", term)
        if len(term) >= 3 and term.isalpha() and 0 < df <= max(2, COMMON_SHARE * count):
            weights[term] = (1 + math.log(n)) * math.log(count / df)
    own = query.Term("doc_id", doc_id)
    terms = []
    for term in sorted(weights, key=lambda t: (-weights[t], t)):
        found = searcher.search(query.Term("text", term), limit=1, mask=own, scored=False)
        if not found.is_empty():
            terms.append((term, weights[term]))
            if len(terms) >= number:
                break
    return terms


def _surface(text: str, stems: set[str]) -> dict[str, str]:
    """Each stem's first written form in ``text``, lowercased."""
    forms: dict[str, str] = {}
    for token in TEXT_ANALYZER(text, chars=True):
        if token.text in stems and token.text not in forms:
            forms[token.text] = text[token.startchar : token.endchar].lower()
    return forms


def similar(
    archive: Archive,
    passage_id: str,
    *,
    limit: int = 10,
    per_doc: int | None = 2,
    filters: Filters | None = None,
) -> Similar:
    """Passages of other documents that share the key terms of passage ``passage_id``."""
    source = hit_for(archive, passage_id)
    terms = key_terms(archive, source.text, source.doc_id)
    forms = _surface(source.text, {t for t, _ in terms})
    label = f"similar:{passage_id}"
    if not terms:
        empty = SearchResults(query=label, total=0, hits=[], documents=0)
        return Similar(source, [], empty)
    top = max(weight for _, weight in terms) or 1.0
    # And + Not, not AndNot: Whoosh's AndNot lets an ID term's documents through (whoosh-reloaded 2.7.5).
    q = query.And([
        query.Or([query.Term("text", t, boost=round(w / top, 4)) for t, w in terms]),
        query.Not(query.Term("doc_id", source.doc_id)),
    ])  # fmt: skip
    results = archive.run(label, q, archive.filter_query(filters), per_doc=per_doc, limit=limit)
    return Similar(source, [forms.get(t, t) for t, _ in terms], results)
