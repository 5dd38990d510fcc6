"""Counts over documents: themes, themes by year, themes that occur together.

All computed from the per-document theme counts kept in the index's file
records, so they cost no search and stay consistent with the last commit.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

from archive.search import Archive


def theme_counts(archive: Archive) -> list[dict[str, Any]]:
    """Every theme with its passages, documents and share of all documents."""
    docs = archive.documents
    passages: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    for doc in docs.values():
        for theme_id, n in (doc.get("themes") or {}).items():
            passages[theme_id] += n
            documents[theme_id] += 1
    return [
        {
            "id": theme.id,
            "label": theme.label,
            "category": theme.category,
            "passages": passages[theme.id],
            "documents": documents[theme.id],
            "share": round(documents[theme.id] / len(docs), 4) if docs else 0.0,
        }
        for theme in archive.taxonomy.themes.values()
    ]


def trends(archive: Archive, theme_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Rows of {year, theme, documents, year_documents, proportion}: documents with the
    theme per publication year, and their share of that year's documents."""
    ids = theme_ids or list(archive.taxonomy.themes)
    per_year: Counter[int] = Counter()
    with_theme: Counter[tuple[int, str]] = Counter()
    for doc in archive.documents.values():
        year = (doc.get("meta") or {}).get("year")
        if not year:
            continue
        per_year[year] += 1
        for theme_id in doc.get("themes") or {}:
            with_theme[(year, theme_id)] += 1
    return [
        {
            "year": year,
            "theme": theme_id,
            "documents": with_theme[(year, theme_id)],
            "year_documents": per_year[year],
            "proportion": round(with_theme[(year, theme_id)] / per_year[year], 4),
        }
        for year in sorted(per_year)
        for theme_id in ids
    ]


def cooccurrence(archive: Archive, theme_ids: list[str] | None = None) -> dict[str, Any]:
    """Documents carrying each pair of themes; the diagonal is documents with the theme."""
    ids = theme_ids or list(archive.taxonomy.themes)
    pairs: Counter[tuple[str, str]] = Counter()
    for doc in archive.documents.values():
        present = sorted(set(doc.get("themes") or {}) & set(ids))
        for theme_id in present:
            pairs[(theme_id, theme_id)] += 1
        for a, b in combinations(present, 2):
            pairs[(a, b)] += 1
            pairs[(b, a)] += 1
    return {"themes": ids, "matrix": [[pairs[(a, b)] for b in ids] for a in ids], "documents": len(archive.documents)}


def top_pairs(matrix: dict[str, Any], n: int = 15) -> list[tuple[str, str, int]]:
    ids = matrix["themes"]
    found = [
        (ids[i], ids[j], matrix["matrix"][i][j]) for i in range(len(ids)) for j in range(i + 1, len(ids))
        if matrix["matrix"][i][j]
    ]  # fmt: skip
    return sorted(found, key=lambda p: -p[2])[:n]
