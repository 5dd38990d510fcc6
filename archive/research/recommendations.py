"""What reviews recommend, across the archive: the recommendation-type items the
indexer found (``archive.index.recommendations``), searched, filtered and grouped
where they ask for the same thing (``archive.research.repeats``).

The items and their groups are worked out once per index state (per searcher) and
kept while that state lasts, so a page answers from memory after its first request.
A query is the search box's language (words, "phrases", OR, NOT, prefix*) matched
against each item's own text, by stems, as search matches passages.
"""

from __future__ import annotations

import json
import threading
import weakref
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher

from archive.errors import QueryError
from archive.index import ADDRESSEES, KINDS, NAME_ANALYZER, analyse, read_recommendations
from archive.research import repeats
from archive.research.export import to_csv
from archive.search import Archive, Filters, query_marks
from archive.search.highlight import Text, mark_spans, pattern, spans

LABEL_CHARS = 110


@dataclass(frozen=True)
class Recommendation:
    """One item, with what a reader needs of its document."""

    id: str  # "<doc_id>-r<n>": the document's n-th item
    doc_id: str
    path: str
    title: str
    year: int | None
    review_type: str
    partnership: str | None
    page: int
    kind: str
    heading: str
    number: str | None
    text: str
    addressed_to: str | None
    themes: tuple[str, ...]
    group: str | None = None  # the id of its group of repeats, if it has one

    def as_dict(self) -> dict[str, Any]:
        """The item as ``archive recommendations --format json`` gives it."""
        return {
            "doc_id": self.doc_id, "path": self.path, "page": self.page, "section": self.kind,
            "number": self.number, "text": self.text, "addressed_to": self.addressed_to,
            "themes": list(self.themes), "group": self.group,
        }  # fmt: skip


@dataclass
class Group:
    """Items that ask for the same thing, as far as a search reaches."""

    id: str
    label: str  # the item most like the others (shortened)
    size: int  # items in the whole archive
    items: list[Recommendation] = field(default_factory=list)  # those matching the search

    def documents(self) -> list[Recommendation]:
        """One item per document, newest first."""
        seen: dict[str, Recommendation] = {}
        for item in self.items:
            seen.setdefault(item.doc_id, item)
        return sorted(seen.values(), key=_newest_first)

    def years(self) -> dict[str, int]:
        """Documents per year of publication ("n.d." for undated), oldest first."""
        counts = Counter(str(item.year) if item.year else "n.d." for item in self.documents())
        return dict(sorted(counts.items(), key=lambda kv: (kv[0] == "n.d.", kv[0])))

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label, "count": len(self.items),
            "documents": [{"doc_id": d.doc_id, "path": d.path} for d in self.documents()], "years": self.years(),
        }  # fmt: skip


@dataclass
class RecommendationResults:
    total: int  # matching items
    results: list[Recommendation]  # the ones asked for (limit and offset)
    groups: list[Group]  # groups with matching items, most documents first
    notes: list[str] = field(default_factory=list)
    marks: tuple[set[str], list[tuple[str, ...]]] = field(default_factory=lambda: (set(), []))

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "results": [item.as_dict() for item in self.results],
            "groups": [g.as_dict() for g in self.groups],
        }

    def marked(self, item: Recommendation) -> str:
        """The item's text with the query's words marked (see archive.search.segments)."""
        words, phrases = self.marks
        patterns = [pattern([w]) for w in words] + [pattern(p) for p in phrases]
        return mark_spans(item.text, spans(item.text, patterns)) if patterns else item.text


class Catalogue:
    """Every item of one index state, with its groups of repeats."""

    def __init__(self, archive: Archive, searcher: Searcher) -> None:
        documents = archive.documents
        items: list[Recommendation] = []
        for doc_id, stored in sorted(read_recommendations(searcher).items()):
            record = documents.get(doc_id)
            if record is None:
                continue
            meta = record.get("meta") or {}
            for n, item in enumerate(stored):
                items.append(Recommendation(
                    id=f"{doc_id}-r{n}", doc_id=doc_id, path=record["path"],
                    title=meta.get("title") or record["path"], year=meta.get("year"),
                    review_type=meta.get("review_type") or "other", partnership=meta.get("partnership"),
                    page=item["page"], kind=item["kind"], heading=item.get("heading") or "",
                    number=item.get("number"), text=item["text"], addressed_to=item.get("addressed_to"),
                    themes=tuple(item.get("themes") or ()),
                ))  # fmt: skip
        self.groups: dict[str, tuple[str, list[int]]] = {}  # id -> (label, member positions)
        vectors = repeats.Vectors([item.text for item in items])
        members: dict[int, list[int]] = {}
        for position, label in enumerate(repeats.group(vectors) if items else []):
            members.setdefault(label, []).append(position)
        group_of: dict[int, str] = {}
        for positions in members.values():
            if len({items[p].doc_id for p in positions}) < 2:
                continue  # a repeat is asked by more than one document
            central = positions[_medoid(vectors, positions)]
            group_id = items[central].id
            self.groups[group_id] = (_shorten(items[central].text), positions)
            for position in positions:
                group_of[position] = group_id
        self.items = [replace(found, group=group_of.get(n)) for n, found in enumerate(items)]
        self.by_doc: dict[str, list[Recommendation]] = {}
        for found in self.items:
            self.by_doc.setdefault(found.doc_id, []).append(found)
        self.stems = [set(analyse(item.text)) for item in self.items]  # what a query's words are matched against

    def group(self, group_id: str) -> Group | None:
        found = self.groups.get(group_id)
        if found is None:
            return None
        label, positions = found
        return Group(group_id, label, len(positions), [self.items[p] for p in positions])


def _medoid(vectors: repeats.Vectors, positions: list[int]) -> int:
    """The member most like the others (the shorter on a tie): the group's label."""
    rows = vectors.rows_dense(positions)
    mean = (rows @ rows.T).mean(axis=1)
    return int(np.argmax(mean - 1e-6 * np.arange(len(positions))))


def _shorten(text: str) -> str:
    if len(text) <= LABEL_CHARS:
        return text
    cut = text.rfind(" ", 0, LABEL_CHARS)
    return text[: cut if cut > 40 else LABEL_CHARS].rstrip(" ,;:") + " …"


def _newest_first(item: Recommendation) -> tuple[int, str, int]:
    return (-(item.year or 0), item.path, item.page)


_cache: weakref.WeakKeyDictionary[Searcher, Catalogue] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def catalogue(archive: Archive) -> Catalogue:
    """The items and groups of the archive's current index state (worked out once per state)."""
    searcher = archive.searcher()
    with _lock:
        found = _cache.get(searcher)
        if found is None:
            found = _cache[searcher] = Catalogue(archive, searcher)
        return found


# -- queries over items -----------------------------------------------------------------


def _matches(node: wq.Query, text: str, stems: set[str]) -> bool:
    """Whether an item (its text and the set of its stems) matches a parsed query."""
    if isinstance(node, wq.And):
        return all(_matches(child, text, stems) for child in node.children())
    if isinstance(node, wq.Or):
        return any(_matches(child, text, stems) for child in node.children())
    if isinstance(node, wq.Not):
        return not _matches(node.query, text, stems)
    if isinstance(node, wq.AndMaybe):
        return _matches(node.a, text, stems)
    if getattr(node, "fieldname", "text") not in (None, "text"):
        return False
    if isinstance(node, wq.Term):
        return node.text in stems
    if isinstance(node, wq.Phrase):
        return all(word in stems for word in node.words) and bool(Text(text).find([pattern(node.words)]))
    if isinstance(node, wq.Prefix):
        return any(stem.startswith(node.text) for stem in stems)
    if isinstance(node, wq.Every):
        return True
    return False


def _words(values: Iterable[str]) -> set[str]:
    return {token.text for value in values for token in NAME_ANALYZER(value)}


def choices(values: Iterable[str], allowed: Iterable[str], what: str) -> tuple[str, ...]:
    """Values checked against the allowed ones (" " and "-" read as "_"); QueryError names them."""
    allowed = tuple(allowed)
    out = []
    for value in values:
        key = value.strip().lower()
        match = next(
            (a for a in allowed if a == key or a.replace(" ", "_") == key.replace(" ", "_").replace("-", "_")), None
        )
        if match is None:
            raise QueryError(f"unknown {what} {value!r} — use one of: {', '.join(allowed)}")
        out.append(match)
    return tuple(dict.fromkeys(out))


def find(
    archive: Archive,
    text: str | None = None,
    filters: Filters | None = None,
    *,
    kinds: Iterable[str] = (),
    addressed_to: Iterable[str] = (),
    group: str | None = None,
    limit: int | None = 20,
    offset: int = 0,
) -> RecommendationResults:
    """Items matching ``text`` (optional) within the filters, newest first, and the groups
    they belong to, the most documents first. ``limit`` None or 0: every item."""
    found = catalogue(archive)
    filters = filters or Filters()
    kinds = choices(kinds, KINDS, "section kind")
    addressees = choices(addressed_to, ADDRESSEES, "addressee")
    themes = archive.theme_ids(filters.themes)
    partnership = _words([filters.partnership]) if filters.partnership else set()
    if filters.partnership and not partnership:
        raise QueryError(f"partnership {filters.partnership!r} has no words to match")
    notes: list[str] = []
    q: wq.Query | None = None
    if text and text.strip():
        q, notes = archive.parse(text)
    members = None
    if group:
        chosen = found.group(group)
        if chosen is None:
            raise QueryError(f"no group {group!r} in this index (group ids are in the results)")
        members = {item.id for item in chosen.items}
    matching = []
    for position, item in enumerate(found.items):
        if members is not None and item.id not in members:
            continue
        if kinds and item.kind not in kinds or addressees and item.addressed_to not in addressees:
            continue
        if filters.years and not (item.year and (filters.years[0] or 0) <= item.year <= (filters.years[1] or 9999)):
            continue
        if filters.review_type and item.review_type != filters.review_type:
            continue
        if partnership and not partnership <= _words([item.partnership or ""]):
            continue
        if any(theme not in item.themes for theme in themes):
            continue
        if q is not None and not _matches(q, item.text, found.stems[position]):
            continue
        matching.append(item)
    matching.sort(key=_newest_first)
    groups: dict[str, Group] = {}
    for item in matching:
        if item.group:
            if item.group not in groups:
                label, positions = found.groups[item.group]
                groups[item.group] = Group(item.group, label, len(positions))
            groups[item.group].items.append(item)
    ordered = sorted(groups.values(), key=lambda g: (-len(g.documents()), -len(g.items), g.label))
    shown = matching[offset : offset + limit] if limit else matching[offset:]
    marks = query_marks(q) if q is not None else (set(), [])
    return RecommendationResults(len(matching), shown, ordered, notes, marks)


def document_items(archive: Archive, doc_id: str) -> list[tuple[Recommendation, int]]:
    """A document's items in reading order, each with how many other documents ask the same."""
    found = catalogue(archive)
    out = []
    for item in found.by_doc.get(doc_id, []):
        others = 0
        if item.group:
            group = found.group(item.group)
            others = len({i.doc_id for i in group.items} - {doc_id}) if group else 0
        out.append((item, others))
    return out


def group_trend(archive: Archive, group: Group) -> list[dict[str, Any]]:
    """Rows of {year, documents, year_documents, proportion}: documents asking it per year of
    publication, and all the archive's documents of that year (as archive.research.trends)."""
    per_year: Counter[int] = Counter()
    for doc in archive.documents.values():
        year = (doc.get("meta") or {}).get("year")
        if year:
            per_year[year] += 1
    asking = Counter(item.year for item in group.documents() if item.year)
    return [
        {"year": year, "documents": asking[year], "year_documents": per_year[year],
         "proportion": round(asking[year] / per_year[year], 4)}
        for year in sorted(per_year)
    ]  # fmt: skip


# -- exports ------------------------------------------------------------------------------

ITEM_FIELDS = ["doc_id", "path", "page", "section", "number", "text", "addressed_to", "themes", "group"]
GROUP_FIELDS = ["id", "label", "count", "documents", "years", "paths"]


def results_json(found: RecommendationResults) -> str:
    return json.dumps(found.as_dict(), ensure_ascii=False, indent=2)


def results_csv(found: RecommendationResults) -> str:
    """One row per item (the JSON's results)."""
    return to_csv([item.as_dict() for item in found.results], ITEM_FIELDS)


def groups_csv(found: RecommendationResults) -> str:
    """One row per group: its items and documents counted, years as "2019: 3; 2021: 1", the documents' paths."""
    rows = [
        {"id": g.id, "label": g.label, "count": len(g.items), "documents": len(g.documents()),
         "years": "; ".join(f"{year}: {n}" for year, n in g.years().items()),
         "paths": [d.path for d in g.documents()]}
        for g in found.groups
    ]  # fmt: skip
    return to_csv(rows, GROUP_FIELDS)
