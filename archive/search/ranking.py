"""Theme browsing: the passages that best exemplify a learning theme.

Every passage tagged with the theme qualifies (the tag is the filter); they are
ranked first by the weight of their evidence (strong terms 2, supporting 1),
then by BM25 over the theme's distinctive words.
"""

from __future__ import annotations

from typing import Any

from whoosh import query
from whoosh.searching import Searcher

from archive.index.text import stems
from archive.search.backend import Matches
from archive.search.engine import Engine
from archive.themes import Taxonomy, Theme

RANK_WORD_SHARE = 0.05  # theme ranking ignores words found in more than this share of passages
POOL = 1000  # passages re-ranked by evidence at least


def parts(taxonomy: Taxonomy, theme: Theme) -> list[Theme]:
    """The theme itself, or the parts of a combined theme."""
    return [taxonomy.themes[p] for p in theme.all] if theme.combined else [theme]


def theme_query(searcher: Searcher, engine: Engine, taxonomy: Taxonomy, theme: Theme) -> query.Query:
    """The theme's distinctive words as one query, words of strong terms weighted up.

    Words, not phrases, and only words in at most RANK_WORD_SHARE of passages:
    every passage it ranks is already tagged with the theme, words like "child" or
    "care" add nothing to the order, and a query over them, or over phrases, costs
    a second where this costs tens of milliseconds. Kept until the index changes.
    """
    remembered = engine.memo.get(("theme_query", theme.id))
    if remembered is not None:
        return remembered
    boosts: dict[str, float] = {}
    for part in parts(taxonomy, theme):
        for terms, boost in ((part.terms, 2.0), (part.supporting, 1.0)):
            for term in terms:
                for word in stems(term):
                    boosts[word] = max(boosts.get(word, 0.0), boost)
    frequency = {word: searcher.doc_frequency("text", word) for word in boosts}
    limit = RANK_WORD_SHARE * max(1, searcher.doc_count())
    words = [w for w in boosts if 0 < frequency[w] <= limit]
    words = words or sorted((w for w in boosts if frequency[w]), key=frequency.__getitem__)[:10]
    made = query.Or([query.Term("text", word, boost=boosts[word]) for word in sorted(words)])
    engine.memo[("theme_query", theme.id)] = made
    return made


def evidence_weight(taxonomy: Taxonomy, theme: Theme, terms: list[str]) -> int:
    """Strong terms count 2, supporting terms 1."""
    strong = {t for part in parts(taxonomy, theme) for t in part.terms}
    return sum(2 if term in strong else 1 for term in terms)


def rank(
    searcher: Searcher, engine: Engine, taxonomy: Taxonomy, theme: Theme, counted: Matches, ranked: Matches,
    total: int, per_doc: int | None, wanted: int,
) -> list[tuple[dict[str, Any], float]]:  # fmt: skip
    """The first ``wanted`` passages (stored fields, score) in theme order, at most ``per_doc`` per document.

    ``ranked`` are the tagged passages scored by the theme's words; ``counted`` are all
    that qualify: those without any of the words come last, in index order."""
    pool = engine.top(ranked, limit=max(POOL, 20 * wanted))
    stored = {docnum: searcher.stored_fields(docnum) for docnum, _ in pool}

    def weight(docnum: int) -> int:
        return evidence_weight(taxonomy, theme, (stored[docnum].get("evidence") or {}).get(theme.id, []))

    order = sorted(pool, key=lambda item: (-weight(item[0]), -item[1]))
    if len(order) < total:
        order += [(docnum, 0.0) for docnum in counted.docs.tolist() if docnum not in stored]
    kept: list[tuple[dict[str, Any], float]] = []
    per: dict[str, int] = {}
    for docnum, score in order:
        fields = stored.get(docnum) or searcher.stored_fields(docnum)
        doc_id = fields["doc_id"]
        if per_doc and per.get(doc_id, 0) >= per_doc:
            continue
        per[doc_id] = per.get(doc_id, 0) + 1
        kept.append((fields, score))
        if len(kept) >= wanted:
            break
    return kept
