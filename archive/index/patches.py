"""Fixes to whoosh-reloaded 2.7.5, in one place: check each of them on a Whoosh upgrade.

Applied when ``archive.index`` is imported (``archive.index.schema`` imports this module).
"""

from __future__ import annotations

from typing import Any


def _cache_missing_columns() -> None:
    """whoosh-reloaded 2.7.5 asks the file system whether a field has a lengths column
    every time a length is looked up for a field without one (once per posting of
    "kind", "themes", ... while a segment is written): remember the answer."""
    from whoosh.codec.whoosh3 import W3PerDocReader

    def cached_reader(self: Any, fieldname: str, column: Any) -> Any:
        try:
            return self._readers[fieldname]
        except KeyError:
            reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
            self._readers[fieldname] = reader
            return reader

    W3PerDocReader._cached_reader = cached_reader


_cache_missing_columns()


class MappedFile:
    """A read-only file over a slice of a memory map: what Whoosh's StructFile and
    pickle need (read, readline, seek, tell), without copying the slice."""

    def __init__(self, source: Any, offset: int, length: int) -> None:
        self._source, self._start, self._end, self._pos = source, offset, offset + length, offset

    def read(self, size: int | None = -1) -> bytes:
        start = self._pos
        end = self._end if size is None or size < 0 else min(self._end, start + size)
        self._pos = end
        return self._source[start:end]

    def readline(self, size: int | None = -1) -> bytes:
        found = self._source.find(b"\n", self._pos, self._end)
        end = self._end if found < 0 else found + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        return self.read(end - self._pos)

    def seek(self, position: int, whence: int = 0) -> int:
        base = {0: self._start, 1: self._pos, 2: self._end}[whence]
        self._pos = max(self._start, base + position)
        return self._pos - self._start

    def tell(self) -> int:
        return self._pos - self._start

    def close(self) -> None:
        pass  # the map belongs to the segment's storage


def _map_compound_files() -> None:
    """whoosh-reloaded 2.7.5 opens a file inside a compound segment by copying it out
    of the segment's memory map (BytesIO of the slice): every new searcher copied the
    postings, 0.3 s and 300 MB for a national collection. Read the map in place."""
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.structfile import BufferFile

    original = CompoundStorage.open_file

    def open_file(self: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        if not self._source or self.is_closed:
            return original(self, name, *args, **kwargs)
        offset, length = self.range(name)
        f = BufferFile.__new__(BufferFile)
        f._buf = memoryview(self._source)[offset : offset + length]  # BufferFile.get and subset slice it
        f._name, f.onclose, f.is_real, f.is_closed = name, None, False, False
        f.file = MappedFile(self._source, offset, length)
        return f

    CompoundStorage.open_file = open_file


_map_compound_files()


def lengths_column(leaf: Any, fieldname: str) -> Any:
    """The column of a field's lengths (a byte per document) in one segment, or None:
    read through the reader remembered by ``_cache_missing_columns``."""
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

    return leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)


class _LengthsByField:
    """A segment's field lengths read once per field, for writing its postings: Whoosh's field
    writer asks the per-document reader for a length at every posting, through two column layers."""

    def __init__(self, lengths: Any) -> None:
        self.lengths = lengths
        self.fields: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        found = self.fields.get(fieldname)
        if found is None:
            count = self.lengths.doc_count_all()
            found = self.fields[fieldname] = [self.lengths.doc_field_length(d, fieldname, 0) for d in range(count)]
        return found[docnum] if docnum < len(found) else self.lengths.doc_field_length(docnum, fieldname, default)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.lengths, name)


def _read_lengths_once() -> None:
    from whoosh.codec.base import FieldWriter

    original = FieldWriter.add_postings

    def add_postings(self: Any, schema: Any, lengths: Any, items: Any) -> Any:
        if lengths is not None and hasattr(lengths, "doc_count_all"):
            lengths = _LengthsByField(lengths)
        return original(self, schema, lengths, items)

    FieldWriter.add_postings = add_postings


_read_lengths_once()
