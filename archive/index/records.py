"""The records the index keeps about files and documents, typed.

A file record (one per PDF path, stored in the index's ``data`` field) says what
happened to the file (its ``Outcome``), what is needed to notice a change, and
the document's details. Stored records are plain dicts: these types say what
they hold, and ``Outcome`` values compare equal to the strings stored.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, NotRequired, TypedDict


class Outcome(StrEnum):
    """What happened to a file at its last reading."""

    INDEXED = "indexed"  # text read and split into passages
    NO_TEXT = "no_text"  # no text layer: the pages are images (a scan)
    NEEDS_PASSWORD = "needs_password"  # encrypted, and no empty password opens it
    DAMAGED = "damaged"  # no reader could read it
    TIMED_OUT = "timed_out"  # reading took longer than the time allowed
    NOT_PDF = "not_pdf"  # not a PDF at all


OUTCOMES = tuple(o.value for o in Outcome)
FAILED = frozenset(o.value for o in Outcome if o is not Outcome.INDEXED)


class DocumentMeta(TypedDict, total=False):
    """A document's details: inferred from its text, or given by the catalogue."""

    title: str | None
    year: int | None
    date: str | None
    review_type: str
    partnership: str | None  # who published it: a citation's author
    area: str | None  # the local authority or partnership area it is about (None: national)
    child: str | None
    inferred: list[str]  # the fields that were inferred rather than given


class FileRecord(TypedDict):
    """One PDF path in the documents folder, as the last run left it."""

    path: str  # relative to the documents folder, with forward slashes
    doc_id: str  # the first 16 hex digits of the content's SHA-256
    outcome: str  # an Outcome
    message: str
    pages: int
    passages: int
    size: int
    mtime_ns: int
    sha256: str
    seconds: NotRequired[float]
    inferred_meta: NotRequired[DocumentMeta]
    meta: NotRequired[DocumentMeta]
    themes: NotRequired[dict[str, int]]  # theme id -> passages carrying it, for themes the document counts
    indexed_at: NotRequired[str]
    extractor: NotRequired[str]  # the reader that read most of the text: pypdf or pypdfium2 (before: pypdf)
    extraction: NotRequired[str]  # how the run read it: auto (the chain of both readers), pypdf or pypdfium2
    fallback_pages: NotRequired[list[int]]  # pages the other reader read (the chain)
    unread_pages: NotRequired[list[int]]  # pages no reader could read
    low_text_pages: NotRequired[list[int]]
    ocr_checked: NotRequired[bool]
    ocr_pages: NotRequired[list[int]]
    ocr_confidence: NotRequired[dict[str, float]]


def meta_of(record: FileRecord | dict[str, Any]) -> DocumentMeta:
    """The record's document details (empty for files that were not indexed)."""
    return record.get("meta") or {}
