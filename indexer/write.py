"""Writing the index: passages with their stems and themes, file records, commits in batches.

Each commit holds a document's passages together with its file record, so a
run killed at any moment leaves the last commit intact.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index
from whoosh.writing import IndexWriter, SegmentWriter

from archive.errors import IndexOutdated
from archive.index import (
    META,
    META_KEY,
    PASSAGE,
    RECOMMENDATIONS,
    SCHEMA_VERSION,
    FileRecord,
    analyse,
    index_exists,
    make_schema,
    open_index,
    recommendations_key,
)
from archive.themes import Tagger
from indexer.forms import classify
from indexer.recommendations import tag_items

COMMIT_SECONDS = 20.0
WRITER_MB = 128  # Whoosh's sorting pool, for writers that merge existing segments only
POOL_POSTINGS = 3_000_000  # a batch is committed before its postings in memory pass this (about 200 MB)


Analysis = tuple[list[list[str]], list[dict[str, list[str]]], dict[str, int]]


def analyse_passages(tagger: Tagger, texts: list[str]) -> Analysis:
    """Each passage's stems and themes, and the document's theme counts: the part of
    indexing that needs no index, done where the file was read. (Encoding the postings
    there too was measured slower: pickling them costs more than making them.)"""
    stemmed = [analyse(text) for text in texts]
    tags, doc_themes = tagger.tag_document(stemmed)
    return stemmed, tags, doc_themes


def passage_fields(doc_id: str, meta: Mapping[str, Any]) -> dict[str, Any]:
    """The per-document fields every passage carries, for filtering."""
    fields: dict[str, Any] = {"kind": PASSAGE, "doc_id": doc_id, "review_type": meta.get("review_type") or "other"}
    if meta.get("year"):
        fields["year"] = int(meta["year"])
    if meta.get("partnership"):
        fields["partnership"] = meta["partnership"]
    if meta.get("area"):
        fields["area"] = meta["area"]
    return fields


def add_passages(
    writer: IndexWriter,
    tagger: Tagger | None,
    doc_id: str,
    meta: Mapping[str, Any],
    stored: list[dict[str, Any]],
    replace: Callable[[dict[str, Any], dict[str, list[str]]], bool] | None = None,
    analysis: Analysis | None = None,
) -> dict[str, int]:
    """Tag a document's passages and add them; returns the document's theme counts.

    With ``replace``, passages already in the index are rewritten only where
    replace(passage, new tags) says so (each deleted by its key first).
    ``analysis`` is analyse_passages() of the passages, when a worker did it.

    A passage carries a theme only where its document counts the theme (see
    Tagger.document_themes): one definition, so that a theme's passages and
    documents are the same numbers on every page and in every count.
    """
    if analysis is None:
        assert tagger is not None, "passages without their analysis need a tagger"
        analysis = analyse_passages(tagger, [p["text"] for p in stored])
    stemmed, tags, doc_themes = analysis
    tags = [{theme: terms for theme, terms in found.items() if theme in doc_themes} for found in tags]
    fields = passage_fields(doc_id, meta)
    for passage, found, words in zip(stored, tags, stemmed):
        if replace is not None:
            if not replace(passage, found):
                continue
            writer.delete_by_term("key", passage["key"])
        writer.add_document(
            key=passage["key"], page=passage["page"], position=passage["position"],
            text=words, _stored_text=passage["text"], pairs=words, ocr=bool(passage.get("ocr")),
            form=passage.get("form") or classify(passage["text"]), themes=",".join(found), evidence=found, **fields,
        )  # fmt: skip
    return doc_themes


def rewrite_passages(
    ix: Index,
    writer: IndexWriter,
    tagger: Tagger,
    records: Iterable[FileRecord],
    fields_changed: Collection[str] = frozenset(),
) -> dict[str, dict[str, int]]:
    """Re-tag documents from their stored passages, rewriting only the passages whose
    tags changed, or all of a document's passages when its fields (year, type...) did."""
    themes = {}
    with ix.searcher() as searcher:
        for record in records:
            doc_id = record["doc_id"]
            stored = sorted(searcher.documents(doc_id=doc_id, kind=PASSAGE), key=lambda p: p["position"])
            if doc_id in fields_changed:
                replace = lambda passage, found: True  # noqa: E731
            else:
                replace = lambda passage, found: dict(passage.get("evidence") or {}) != found  # noqa: E731
            themes[doc_id] = add_passages(writer, tagger, doc_id, record["meta"], stored, replace)
            retag_recommendations(searcher, writer, tagger, doc_id)
    return themes


def add_recommendations(writer: IndexWriter, tagger: Tagger, doc_id: str, items: list[dict[str, Any]]) -> None:
    """A document's recommendation-type items, as one record beside its passages (see
    archive.index.recommendations); items a worker has not tagged yet are tagged here."""
    if not items:
        return
    if any("themes" not in item for item in items):
        tag_items(tagger, items)
    writer.add_document(key=recommendations_key(doc_id), kind=RECOMMENDATIONS, doc_id=doc_id, data={"items": items})


def retag_recommendations(searcher: Any, writer: IndexWriter, tagger: Tagger, doc_id: str) -> None:
    """Tag a document's stored items again, rewriting the record only if their themes changed."""
    stored = searcher.document(key=recommendations_key(doc_id))
    if not stored:
        return
    items = [dict(item) for item in (stored["data"] or {}).get("items") or []]
    before = [item.get("themes") for item in items]
    tag_items(tagger, items)
    if [item["themes"] for item in items] != before:
        writer.update_document(
            key=recommendations_key(doc_id), kind=RECOMMENDATIONS, doc_id=doc_id, data={"items": items}
        )


class MemoryPool:
    """Postings kept in memory, by term, for one segment: what Whoosh's PostingPool does
    without its external sort. A document's postings arrive in ascending document order,
    so each term's list is already sorted and only the terms need sorting at the end;
    nothing is pickled to temporary files and merged back (Whoosh's pool does that for every
    posting once it passes its memory limit, about a third of the writer's time). Its size
    is bounded by committing: ``postings`` says how many it holds."""

    def __init__(self) -> None:
        self.terms: dict[tuple[str, bytes], tuple[array, array, list[bytes | None]]] = {}
        self.fieldnames: set[str] = set()
        self.postings = 0

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, tbytes, docnum, weight, value = item
        found = self.terms.get((fieldname, tbytes))
        if found is None:
            found = self.terms[(fieldname, tbytes)] = (array("i"), array("f"), [])
            self.fieldnames.add(fieldname)
        found[0].append(docnum)
        found[1].append(weight)
        found[2].append(value)
        self.postings += 1

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        for key in sorted(self.terms):
            fieldname, tbytes = key
            docnums, weights, values = self.terms.pop(key)
            for docnum, weight, value in zip(docnums, weights, values):
                yield fieldname, tbytes, docnum, weight, value

    def cleanup(self) -> None:
        self.terms.clear()

    def save(self) -> None:  # nothing is ever written to temporary files
        pass


def new_writer(ix: Index) -> SegmentWriter:
    """A writer whose postings wait in a MemoryPool (commit it before ``pool.postings`` grows
    past POOL_POSTINGS)."""
    writer = ix.writer(limitmb=WRITER_MB)
    writer.pool = MemoryPool()
    return writer


class Batches:
    """A writer opened on demand and committed every COMMIT_SECONDS, or sooner when its
    postings in memory pass POOL_POSTINGS."""

    def __init__(self, ix: Index, every: float = COMMIT_SECONDS, segments: Any = None) -> None:
        self.ix, self.every = ix, every
        self.writer: IndexWriter | None = None
        self.opened = 0.0
        # indexer.segments.SegmentWriters, when other processes write the passages of this run
        self.segments = segments

    def get(self) -> IndexWriter:
        if self.writer is None:
            self.writer = new_writer(self.ix)
            self.opened = time.monotonic()
        return self.writer

    def maybe_commit(self, meta: dict[str, Any]) -> None:
        if self.writer is None:
            return
        full = getattr(self.writer.pool, "postings", 0) >= POOL_POSTINGS or bool(self.segments and self.segments.full)
        if full or time.monotonic() - self.opened >= self.every:
            self.commit(meta)

    def add_passages(
        self, tagger: Tagger, doc_id: str, meta: Mapping[str, Any], stored: list[dict[str, Any]],
        analysis: Analysis | None,
    ) -> dict[str, int]:  # fmt: skip
        """A document's passages, for the next commit: written by a segment writer when the run has
        them, else by this batch's writer. Returns the document's theme counts."""
        if self.segments is None:
            return add_passages(self.get(), tagger, doc_id, meta, stored, analysis=analysis)
        analysis = analysis or analyse_passages(tagger, [p["text"] for p in stored])
        self.get()  # the batch is open: its commit will hold these passages
        self.segments.add(doc_id, meta, stored, analysis)
        return analysis[2]

    def commit(self, meta: dict[str, Any]) -> None:
        if self.writer is None:
            return
        self.writer.update_document(key=META_KEY, kind=META, data=meta)
        if self.segments is None:
            self.writer.commit()
        else:
            commit_with(self.writer, self.segments.finish())
        self.writer = None

    def cancel(self) -> None:
        if self.writer is not None:
            self.writer.cancel()
            self.writer = None


def commit_with(writer: SegmentWriter, segments: list[Any]) -> None:
    """Commit ``writer`` with ``segments`` written by other processes in the same table of
    contents: SegmentWriter.commit, with the segments added before the contents are written."""
    writer._check_state()
    final = writer._merge_segments(None, None, None)
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final + list(segments))
    writer._finish()


def unmapped(index_dir: Path) -> FileStorage:
    """The index's files read with plain reads, not memory maps: the writer looks up
    earlier passages (to replace them) all through a run, and mapped segments would
    count towards the run's resident memory as the index grows."""
    return FileStorage(str(index_dir), supports_mmap=False)


def open_for_update(index_dir: Path, rebuild: bool) -> tuple[Index, bool]:
    if not rebuild and index_exists(index_dir):
        try:
            open_index(index_dir)  # refuses another format
            return unmapped(index_dir).open_index(), False
        except IndexOutdated:
            pass  # an index of another format, or one that cannot be read, is a cache: build it again
    index_dir.mkdir(parents=True, exist_ok=True)
    ix = unmapped(index_dir).create_index(make_schema())
    # An index is never without its format version, even if this run dies now.
    with ix.writer() as writer:
        writer.add_document(key=META_KEY, kind=META, data={"schema_version": SCHEMA_VERSION})
    return ix, True
