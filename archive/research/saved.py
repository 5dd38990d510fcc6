"""Saved searches: a query and its options, kept beside the index, rerun to see what is new.

They live in ``saved-searches.json`` in the index folder, written atomically
(a temporary file, then ``os.replace``). The file is the researcher's own data:
``archive index --rebuild`` re-creates the Whoosh files in that folder and leaves
this one alone. Each run records the documents that match, so the next run can
say which documents are new since then.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from archive.errors import ArchiveError
from archive.search import Archive, Filters, SearchResults

SAVED_FILE = "saved-searches.json"
OPTIONS = ("year", "review_type", "partnership", "area", "themes", "sort", "per_doc", "limit")
MAX_NAME = 80


class SavedSearchError(ArchiveError):
    """A saved search is missing, misnamed, or the file holding them cannot be read."""


@dataclass
class SavedSearch:
    name: str
    query: str
    options: dict[str, Any]  # year (as typed), review_type, partnership, area, themes, sort, per_doc, limit
    saved: str  # when it was saved (ISO 8601, UTC)
    last_run: str  # when it last ran
    documents: list[str] = field(default_factory=list)  # ids of the documents matching at the last run

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Rerun:
    search: SavedSearch  # as it was before this run
    results: SearchResults
    new: list[dict[str, Any]]  # documents matching now that did not last time: doc_id, title, path, year, passages
    gone: int  # documents that matched last time and do not now

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.search.name, "query": self.search.query, "options": self.search.options,
            "saved": self.search.saved, "previous_run": self.search.last_run,
            "new_documents": self.new, "documents_gone": self.gone, "search": self.results.as_dict(),
        }  # fmt: skip


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def path_of(index_dir: Path) -> Path:
    return Path(index_dir) / SAVED_FILE


def load(index_dir: Path) -> dict[str, SavedSearch]:
    path = path_of(index_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise SavedSearchError(f"the saved searches in {path} cannot be read ({exc}) — fix or move the file") from exc
    try:
        return {entry["name"]: SavedSearch(**entry) for entry in data.get("searches", [])}
    except (AttributeError, KeyError, TypeError) as exc:
        raise SavedSearchError(f"the saved searches in {path} are not in the expected shape ({exc})") from exc


def store(index_dir: Path, searches: dict[str, SavedSearch]) -> None:
    """Write every saved search at once: a reader never sees half a file."""
    path = path_of(index_dir)
    body = json.dumps({"searches": [s.as_dict() for s in searches.values()]}, ensure_ascii=False, indent=2) + "\n"
    handle, temporary = tempfile.mkstemp(prefix=".saved-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(body)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_NAME or any(ord(c) < 32 for c in name):
        raise SavedSearchError(f"a saved search needs a name of 1 to {MAX_NAME} characters on one line, not {name!r}")
    return name


def filters_of(options: dict[str, Any]) -> Filters:
    """The filters a saved search was saved with."""
    return Filters.parse(
        options.get("year"),
        options.get("review_type"),
        options.get("partnership"),
        options.get("themes") or (),
        options.get("area"),
    )


def _search(archive: Archive, query: str, options: dict[str, Any], limit: int | None = None) -> SearchResults:
    return archive.search(
        query, filters_of(options), per_doc=options.get("per_doc") or None, limit=limit or options.get("limit") or 10,
        sort=options.get("sort") or "relevance",
    )  # fmt: skip


def matching_documents(archive: Archive, query: str, options: dict[str, Any]) -> dict[str, int]:
    """Every document matching the search now, with its matching passages."""
    q, _ = archive.parse(query)
    return archive.per_document(q, archive.filter_query(filters_of(options)))


def save(archive: Archive, name: str, query: str, options: dict[str, Any]) -> SavedSearch:
    """Save (or replace) the search ``name``, recording the documents it matches now."""
    name = check_name(name)
    options = {k: v for k, v in options.items() if k in OPTIONS and v not in (None, "", (), [])}
    if "themes" in options:
        options["themes"] = list(options["themes"])
    documents = matching_documents(archive, query, options)
    stamp = now()
    searches = load(archive.index_dir)
    searches[name] = SavedSearch(name, query, options, stamp, stamp, sorted(documents))
    store(archive.index_dir, searches)
    return searches[name]


def rerun(archive: Archive, name: str, limit: int | None = None) -> Rerun:
    """Run a saved search again; what is new since its last run; record this run."""
    searches = load(archive.index_dir)
    if name not in searches:
        known = ", ".join(sorted(searches)) or "none yet"
        raise SavedSearchError(
            f"no saved search named {name!r} (saved: {known}) — save one with 'archive search ... --save NAME'"
        )
    before = searches[name]
    results = _search(archive, before.query, before.options, limit)
    documents = matching_documents(archive, before.query, before.options)
    seen = set(before.documents)
    new: list[dict[str, Any]] = []
    for doc_id in sorted(set(documents) - seen):
        record: Mapping[str, Any] = archive.documents.get(doc_id) or {}
        meta = record.get("meta") or {}
        new.append({
            "doc_id": doc_id, "title": meta.get("title") or record.get("path", doc_id), "path": record.get("path", ""),
            "year": meta.get("year"), "passages": documents[doc_id],
        })  # fmt: skip
    new.sort(key=lambda d: (-(d["year"] or 0), d["title"].lower()))
    searches = load(archive.index_dir)  # the file as it is now, in case another run wrote it meanwhile
    searches[name] = SavedSearch(name, before.query, before.options, before.saved, now(), sorted(documents))
    store(archive.index_dir, searches)
    return Rerun(before, results, new, len(seen - set(documents)))


def delete(index_dir: Path, name: str) -> None:
    searches = load(index_dir)
    if name not in searches:
        raise SavedSearchError(f"no saved search named {name!r} — 'archive saved' lists them")
    del searches[name]
    store(index_dir, searches)
