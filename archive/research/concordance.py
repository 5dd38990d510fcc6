"""A concordance (keyword in context): every occurrence of a word or phrase, with the words around it.

The passages are found with the search machinery (a phrase query for several
words), then every occurrence in their stored text is found by matching stems
(``archive.search.highlight``), so "neglected" is an occurrence of "neglect".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from whoosh import query

from archive.errors import ArchiveError, QueryError
from archive.index.text import TEXT_ANALYZER
from archive.search import Archive, Filters, Hit
from archive.search.highlight import Pattern, spans

SORTS = ("doc", "year", "left", "right")
SORT_LABELS = {
    "doc": "document and page", "year": "year", "left": "the words before", "right": "the words after",
}  # fmt: skip
DEFAULT_WIDTH = 8
MAX_WIDTH = 50
MAX_EXPANSION = 1000
_WORD = re.compile(r"\w+")
_OPERATORS = re.compile(r"(^|\s)(AND|OR|NOT)(\s|$)|[()]|(^|\s)-\w")


class PassageMissing(ArchiveError):
    """No passage has the id asked for."""


def passage_missing(passage_id: str) -> PassageMissing:
    return PassageMissing(
        f"no passage {passage_id!r} in the index — passage ids look like 3d3f89ef5090b2e8-4 (search results show them)"
    )


def hit_for(archive: Archive, passage_id: str) -> Hit:
    """One passage as a search hit (title, page, citation), or PassageMissing."""
    stored = archive.passage(passage_id)
    if stored is None:
        raise passage_missing(passage_id)
    hit = archive.hit(stored, 0.0, stored["text"])
    return hit


# -- concordance ------------------------------------------------------------------------


@dataclass
class Line:
    """One occurrence: the keyword as written, with ``width`` words either side."""

    left: str
    keyword: str
    right: str
    doc_id: str
    title: str
    path: str
    year: int | None
    page: int
    partnership: str | None
    passage_id: str
    start: int  # character offset of the keyword in the passage
    order: int = 0  # the passage's position in its document
    joined_left: bool = False  # the text before touches the keyword ("self-" + "neglect")
    joined_right: bool = False  # the text after touches it (a comma, a closing quotation mark)

    def as_dict(self) -> dict[str, Any]:
        return {
            "left": self.left, "keyword": self.keyword, "right": self.right, "doc_id": self.doc_id,
            "title": self.title, "path": self.path, "year": self.year, "page": self.page,
            "partnership": self.partnership, "passage_id": self.passage_id,
        }  # fmt: skip


@dataclass
class DocumentCount:
    doc_id: str
    title: str
    path: str
    year: int | None
    occurrences: int


@dataclass
class Concordance:
    query: str
    lines: list[Line]  # sorted, at most ``limit``
    total: int  # occurrences in all
    passages: int
    documents: list[DocumentCount]  # most occurrences first
    years: dict[str, int]  # "2021" -> occurrences, oldest first, "n.d." last
    sort: str = "doc"
    width: int = DEFAULT_WIDTH
    offset: int = 0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "passages": self.passages,
            "documents": len(self.documents),
            "sort": self.sort,
            "width": self.width,
            "notes": self.notes,
            "lines": [line.as_dict() for line in self.lines],
            "counts": {
                "documents": {d.path: d.occurrences for d in self.documents},
                "years": self.years,
            },
        }


def _pattern(text: str) -> Pattern:
    """The word or phrase as (stem, is_prefix) pairs; ``safeguard*`` is a prefix."""
    if _OPERATORS.search(text):
        raise QueryError("a concordance is of one word or phrase — leave out AND, OR, NOT, brackets and -word")
    parts: list[tuple[str, bool]] = []
    for word in text.replace('"', " ").split():
        prefix = word.endswith("*")
        stems = [t.text for t in TEXT_ANALYZER(word.strip("*"))]
        if prefix and stems and len(stems[-1]) < 3:
            raise QueryError(f"{word!r}: a word ending in * needs at least 3 letters before the *")
        parts.extend((stem, prefix and i == len(stems) - 1) for i, stem in enumerate(stems))
    if not parts:
        raise QueryError('a concordance needs a word or a phrase, such as neglect or "was not brought"')
    return tuple(parts)


def _query(parts: Pattern) -> query.Query:
    if len(parts) == 1:
        stem, prefix = parts[0]
        return query.Prefix("text", stem) if prefix else query.Term("text", stem)
    if not any(prefix for _, prefix in parts):
        return query.Phrase("text", [stem for stem, _ in parts])
    return query.And([query.Prefix("text", s) if p else query.Term("text", s) for s, p in parts])


def occurrences(text: str, parts: Pattern) -> list[tuple[int, int]]:
    """Character spans of every occurrence of the stemmed word or phrase in ``text``."""
    return spans(text, [parts])


def _context(text: str, start: int, end: int, width: int) -> tuple[str, bool, str, bool]:
    before, after = text[:start], text[end:]
    left_fragment = re.search(r"\S*$", before).group()  # type: ignore[union-attr]
    right_fragment = re.match(r"\S*", after).group()  # type: ignore[union-attr]
    left_words = before[: len(before) - len(left_fragment)].split()[-width:] if width else []
    right_words = after[len(right_fragment) :].split()[:width] if width else []
    left = " ".join(left_words + ([left_fragment] if left_fragment else []))
    right = " ".join(([right_fragment] if right_fragment else []) + right_words)
    return left, bool(left_fragment), right, bool(right_fragment)


def _sort_key(line: Line, sort: str) -> tuple[Any, ...]:
    place = (line.title.lower(), line.path, line.order, line.start)
    if sort == "left":
        words = [w.lower() for w in reversed(_WORD.findall(line.left))]
        return (words, line.keyword.lower(), *place)
    if sort == "right":
        return ([w.lower() for w in _WORD.findall(line.right)], line.keyword.lower(), *place)
    if sort == "year":
        return (line.year is None, line.year or 0, *place)
    return place


def concordance(
    archive: Archive,
    text: str,
    *,
    width: int = DEFAULT_WIDTH,
    sort: str = "doc",
    filters: Filters | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Concordance:
    """Every occurrence of a word or phrase, with ``width`` words either side."""
    if sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    width = max(0, min(width, MAX_WIDTH))
    parts = _pattern(text)
    q = _query(parts)
    searcher = archive.searcher()
    if any(prefix for _, prefix in parts):
        expanded = sum(1 for _ in q.expanded_terms(searcher.reader()))
        if expanded > MAX_EXPANSION:
            raise QueryError(f"the word with * matches more than {MAX_EXPANSION} different words — make it longer")
    filter_q = archive.filter_query(filters)
    docs = archive.documents
    lines: list[Line] = []
    passages = 0
    for hit in searcher.search(q, limit=None, filter=filter_q, scored=False):
        stored = hit.fields()
        spans = occurrences(stored["text"], parts)
        passages += bool(spans)
        doc: Mapping[str, Any] = docs.get(stored["doc_id"]) or {}
        meta = doc.get("meta") or {}
        for start, end in spans:
            left, joined_left, right, joined_right = _context(stored["text"], start, end, width)
            lines.append(Line(
                left=left, keyword=stored["text"][start:end], right=right, doc_id=stored["doc_id"],
                title=meta.get("title") or doc.get("path", stored["doc_id"]),
                path=doc.get("path", ""), year=meta.get("year"), page=stored["page"],
                partnership=meta.get("partnership"), passage_id=stored["key"], start=start,
                order=stored.get("position", 0), joined_left=joined_left, joined_right=joined_right,
            ))  # fmt: skip
    lines.sort(key=lambda line: _sort_key(line, sort))
    per_doc: Counter[str] = Counter(line.doc_id for line in lines)
    first = {line.doc_id: line for line in reversed(lines)}
    documents = [
        DocumentCount(doc_id, first[doc_id].title, first[doc_id].path, first[doc_id].year, n)
        for doc_id, n in sorted(per_doc.items(), key=lambda item: (-item[1], first[item[0]].title.lower()))
    ]
    per_year: Counter[int | None] = Counter(line.year for line in lines)
    years_out = {str(y): per_year[y] for y in sorted(y for y in per_year if y is not None)}
    if None in per_year:
        years_out["n.d."] = per_year[None]
    shown = lines[offset : offset + limit] if limit else lines[offset:]
    return Concordance(
        query=text, lines=shown, total=len(lines), passages=passages, documents=documents, years=years_out,
        sort=sort, width=width, offset=offset,
    )  # fmt: skip


def concordance_term(text: str) -> str | None:
    """The search box's text as a concordance term, or None when it is not one word or phrase."""
    try:
        _pattern(text)
    except QueryError:
        return None
    return text
