"""Where the index lives, opening it safely, and reading its bookkeeping records."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import Index
from whoosh.searching import Searcher

from archive.errors import IndexMissing, IndexOutdated
from archive.index.records import FileRecord, Outcome
from archive.index.schema import FILE, META_KEY, SCHEMA_VERSION

INDEX_ENV = "ARCHIVE_INDEX"
PDFS_ENV = "ARCHIVE_PDFS"
PDF_DIR_KEY = "pdf_dir"  # in the index's meta record: the documents folder it was built from (absolute)


def default_index_dir() -> Path:
    return Path(os.environ.get(INDEX_ENV) or Path("data") / "index")


def default_pdf_dir() -> Path:
    return Path(os.environ.get(PDFS_ENV) or Path("data") / "pdfs")


def index_exists(index_dir: Path) -> bool:
    """Whether index_dir holds an index: of any version, or damaged (open_index says which)."""
    try:
        return Path(index_dir).is_dir() and whoosh_index.exists_in(str(index_dir))
    except Exception:  # a table of contents Whoosh cannot read: an index all the same, a damaged one
        return True


def open_index(index_dir: Path) -> Index:
    """Open an index for reading, refusing one this version cannot read correctly."""
    ix, searcher = open_with_searcher(index_dir)
    searcher.close()
    return ix


def open_with_searcher(index_dir: Path) -> tuple[Index, Searcher]:
    """open_index, keeping the searcher the version was checked with (opening one
    copies parts of the index into memory: a one-shot search should do it once)."""
    index_dir = Path(index_dir)
    if not index_exists(index_dir):
        raise IndexMissing(
            f"no index at {index_dir} — run 'archive index' first (or pass --index DIR / set {INDEX_ENV})"
        )
    try:
        ix = whoosh_index.open_dir(str(index_dir))
    except Exception as exc:  # a foreign or damaged index directory
        raise IndexOutdated(
            f"the index at {index_dir} cannot be read ({exc}) — run 'archive index' to build it again from the PDFs"
        ) from exc
    searcher = ix.searcher()
    try:
        check_version(ix, index_dir, searcher)
    except BaseException:
        searcher.close()
        raise
    return ix, searcher


def check_version(ix: Index, index_dir: Path, searcher: Searcher | None = None) -> None:
    try:
        if searcher is not None:
            meta = read_meta(searcher)
        else:
            with ix.searcher() as own:
                meta = read_meta(own)
    except KeyError:  # a Whoosh index with another schema (no key or data field): not this archive's
        meta = {}
    version = meta.get("schema_version")
    if version != SCHEMA_VERSION:
        found = f"index format {version}" if version is not None else "no index format recorded"
        raise IndexOutdated(
            f"the index at {index_dir} was written by another version of the archive "
            f"({found}; this version reads format {SCHEMA_VERSION}) — "
            "run 'archive index' to build it again from the PDFs"
        )


def read_meta(searcher: Searcher) -> dict[str, Any]:
    stored = searcher.document(key=META_KEY)
    return dict(stored["data"]) if stored else {}


def index_meta(index_dir: Path) -> dict[str, Any]:
    """The index's meta record, read without changing anything (empty without an index of this
    format, or one that cannot be read)."""
    if not index_exists(index_dir):
        return {}
    try:
        ix, searcher = open_with_searcher(index_dir)
    except Exception:  # another format, or damaged: nothing recorded to speak of
        return {}
    try:
        return read_meta(searcher)
    finally:
        searcher.close()
        ix.close()


def recorded_pdf_dir(index_dir: Path) -> Path | None:
    """The documents folder the index was last built from, as recorded by the index run
    (None without an index, or one from before folders were recorded, or one that cannot be read)."""
    folder = index_meta(index_dir).get(PDF_DIR_KEY)
    return Path(folder) if isinstance(folder, str) and folder else None


def read_files(searcher: Searcher) -> dict[str, FileRecord]:
    """Every file record, keyed by path relative to the documents folder."""
    records: dict[str, FileRecord] = {}
    for stored in searcher.documents(kind=FILE):
        data: Any = dict(stored["data"])
        records[data["path"]] = data
    return records


def documents_by_id(files: Mapping[str, FileRecord]) -> dict[str, FileRecord]:
    """One record per indexed document; of identical files the first path wins."""
    docs: dict[str, FileRecord] = {}
    for path in sorted(files):
        record = files[path]
        if record["outcome"] == Outcome.INDEXED and record["doc_id"] not in docs:
            docs[record["doc_id"]] = record
    return docs
