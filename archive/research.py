"""Research tools over the index: a concordance (keyword in context) and similar passages.

A concordance finds the passages with the search machinery (a phrase query for
several words), then finds every occurrence in the stored text by matching
stemmed tokens, as ``mark_phrases`` does, so "neglected" is an occurrence of
"neglect". Similar passages are ranked by the key terms of one passage, with
the passage's own document left out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from whoosh import query

from archive.errors import ArchiveError, QueryError
from archive.schema import PASSAGE, TEXT_ANALYZER
from archive.search import Archive, Hit, SearchResults

SORTS = ("doc", "year", "left", "right")
SORT_LABELS = {
    "doc": "document and page", "year": "year", "left": "the words before", "right": "the words after",
}  # fmt: skip
DEFAULT_WIDTH = 8
MAX_WIDTH = 50
KEY_TERMS = 12
COMMON_SHARE = 0.1  # a word in more passages than this says little about one passage
MAX_EXPANSION = 1000
_WORD = re.compile(r"\w+")
_OPERATORS = re.compile(r"(^|\s)(AND|OR|NOT)(\s|$)|[()]|(^|\s)-\w")


class PassageMissing(ArchiveError):
    """No passage has the id asked for."""


def passage_missing(passage_id: str) -> PassageMissing:
    return PassageMissing(
        f"no passage {passage_id!r} in the index — passage ids look like 3d3f89ef5090b2e8-4 "
        "(search results show them)"
    )


def hit_for(archive: Archive, passage_id: str) -> Hit:
    """One passage as a search hit (title, page, citation), or PassageMissing."""
    found = archive.searcher().search(
        query.And([query.Term("key", passage_id), query.Term("kind", PASSAGE)]), limit=1
    )
    if found.is_empty():
        raise passage_missing(passage_id)
    hit = archive._whoosh_hit(found[0])
    hit.highlight = hit.text
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


def _pattern(text: str) -> list[tuple[str, bool]]:
    """The word or phrase as (stem, is_prefix) pairs; ``safeguard*`` is a prefix."""
    if _OPERATORS.search(text):
        raise QueryError(
            "a concordance is of one word or phrase — leave out AND, OR, NOT, brackets and -word"
        )
    parts: list[tuple[str, bool]] = []
    for word in text.replace('"', " ").split():
        prefix = word.endswith("*")
        stems = [t.text for t in TEXT_ANALYZER(word.strip("*"))]
        if prefix and stems and len(stems[-1]) < 3:
            raise QueryError(f"{word!r}: a word ending in * needs at least 3 letters before the *")
        parts.extend((stem, prefix and i == len(stems) - 1) for i, stem in enumerate(stems))
    if not parts:
        raise QueryError('a concordance needs a word or a phrase, such as neglect or "was not brought"')
    return parts


def _query(parts: list[tuple[str, bool]]) -> query.Query:
    if len(parts) == 1:
        stem, prefix = parts[0]
        return query.Prefix("text", stem) if prefix else query.Term("text", stem)
    if not any(prefix for _, prefix in parts):
        return query.Phrase("text", [stem for stem, _ in parts])
    return query.And([query.Prefix("text", s) if p else query.Term("text", s) for s, p in parts])


def occurrences(text: str, parts: list[tuple[str, bool]]) -> list[tuple[int, int]]:
    """Character spans of every occurrence of the stemmed word or phrase in ``text``."""
    tokens = [(t.text, t.startchar, t.endchar) for t in TEXT_ANALYZER(text, chars=True)]
    spans = []
    for i in range(len(tokens) - len(parts) + 1):
        if all(
            tokens[i + j][0].startswith(stem) if prefix else tokens[i + j][0] == stem
            for j, (stem, prefix) in enumerate(parts)
        ):
            spans.append((tokens[i][1], tokens[i + len(parts) - 1][2]))
    return spans


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
    years: tuple[int | None, int | None] | None = None,
    review_type: str | None = None,
    partnership: str | None = None,
    themes: list[str] | tuple[str, ...] = (),
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
    filter_q = archive.filter_query(years, review_type, partnership, archive.theme_ids(themes))
    docs = archive.documents
    lines: list[Line] = []
    passages = 0
    for hit in searcher.search(q, limit=None, filter=filter_q, scored=False):
        stored = hit.fields()
        spans = occurrences(stored["text"], parts)
        passages += bool(spans)
        meta = docs.get(stored["doc_id"], {}).get("meta") or {}
        for start, end in spans:
            left, joined_left, right, joined_right = _context(stored["text"], start, end, width)
            lines.append(Line(
                left=left, keyword=stored["text"][start:end], right=right, doc_id=stored["doc_id"],
                title=meta.get("title") or docs.get(stored["doc_id"], {}).get("path", stored["doc_id"]),
                path=docs.get(stored["doc_id"], {}).get("path", ""), year=meta.get("year"), page=stored["page"],
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


# -- similar passages -------------------------------------------------------------------------


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
    years: tuple[int | None, int | None] | None = None,
    review_type: str | None = None,
    partnership: str | None = None,
    themes: list[str] | tuple[str, ...] = (),
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
    filter_q = archive.filter_query(years, review_type, partnership, archive.theme_ids(themes))
    results = archive._run(label, q, filter_q, [], per_doc, limit, 0)
    return Similar(source, [forms.get(t, t) for t, _ in terms], results)
