"""Results shaped for a page: grouped by document, excerpts, the bars of a chart."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from archive.search import MARK_END, MARK_START, Hit
from archive.search.results import cited_title


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
    pages: list[int] = field(default_factory=list)  # its pages with a matching passage (when counted)
    area: str | None = None


def cite_markup(title: str, year: int | None, partnership: str | None, page: int | None = None) -> Markup:
    """A citation with the title in <cite>: 'Partnership (Year) <cite>Title</cite>, p. N' (as
    ``archive.search.results.citation`` writes it in plain text)."""
    when = f"({year})" if year else "(n.d.)"
    cited = Markup("<cite>") + escape(cited_title(title)) + Markup("</cite>")
    at = f", p. {page}" if page is not None else ""
    if partnership:
        return escape(f"{partnership} {when} ") + cited + escape(at)
    return cited + escape(f" {when}{at}")


def group_hits(
    hits: list[Hit], per_doc: dict[str, int], pages: dict[str, list[int]] | None = None
) -> list[DocumentGroup]:
    groups: dict[str, DocumentGroup] = {}
    for hit in hits:
        group = groups.get(hit.doc_id)
        if group is None:
            group = groups[hit.doc_id] = DocumentGroup(
                hit.doc_id,
                hit.title,
                hit.path,
                hit.year,
                hit.review_type,
                hit.partnership,
                [],
                per_doc.get(hit.doc_id, 0),
                (pages or {}).get(hit.doc_id, []),
                hit.area,
            )
        group.hits.append(hit)
    return list(groups.values())


def marked_words(marked: str, most: int = 6) -> str:
    """The distinct words marked in highlighted text, for a PDF viewer to find (#search=...)."""
    words = re.findall(f"{MARK_START}([^{MARK_END}]*){MARK_END}", marked)
    return " ".join(list(dict.fromkeys(w.strip().lower() for w in words if w.strip()))[:most])


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
