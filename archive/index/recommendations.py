"""Recommendation records: what the indexer keeps of a document's recommendations,
improvement points, priority actions, learning points and findings.

``indexer.recommendations`` finds them where the file is read; each indexed document
with any gets one record of kind RECOMMENDATIONS (key ``recs:<doc_id>``) whose
``data`` holds its items in reading order. One record per document, not per item:
records count towards the index's statistics (BM25's average passage length), so a
few hundred extra records move passage scores far less than a few thousand would,
and a document's items are written, replaced and deleted (by its ``doc_id``) in the
same commit as its passages.
"""

from __future__ import annotations

from typing import Any, TypedDict

from whoosh.searching import Searcher

from archive.index.schema import RECOMMENDATIONS

# Section kinds, as the benchmark's labels name them, with what a person reads.
KINDS = {
    "recommendation": "Recommendation",
    "improvement": "Area for improvement",
    "priority_action": "Area for priority action",
    "learning_point": "Learning point",
    "finding": "Finding",
}

# Who an item is addressed to, when the item, its lead-in or its heading names them.
ADDRESSEES = (
    "local authority", "local area partnership", "leaders", "health", "police", "education",
    "safeguarding partnership", "government", "other",
)  # fmt: skip


class RecommendationItem(TypedDict):
    """One recommendation-type item of a document, as stored."""

    page: int  # where the item starts, 1-based as a reader counts pages in the PDF
    kind: str  # a key of KINDS
    heading: str  # the heading of its section, as printed
    number: str | None  # its number or label as printed ("3", "7.2", "R4"), if numbered
    text: str  # the whole item, joined across line and page breaks
    addressed_to: str | None  # one of ADDRESSEES, or None when no one is named
    themes: list[str]  # learning themes the tagger finds in the text


def recommendations_key(doc_id: str) -> str:
    return "recs:" + doc_id


def read_recommendations(searcher: Searcher) -> dict[str, list[RecommendationItem]]:
    """Every document's items, by document id (documents without items are absent)."""
    out: dict[str, list[RecommendationItem]] = {}
    for stored in searcher.documents(kind=RECOMMENDATIONS):
        data: Any = stored.get("data") or {}
        out[stored["doc_id"]] = list(data.get("items") or [])
    return out
