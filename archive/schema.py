"""The Whoosh schema shared by the indexer and the search side.

One index holds three kinds of record, told apart by ``kind``:

- ``passage``: a stretch of 80-250 words from one page of one document; the
  only records with ``text``, so every text query matches passages only.
- ``file``: one per PDF path, with its outcome (indexed, damaged, ...), the
  size/mtime/hash used for incremental runs and the document's metadata.
- ``meta``: a single record with the schema version and run information.

Keeping all three in one index means one Whoosh commit updates passages and
the bookkeeping about them together: a run killed between commits leaves both
as they were at the last commit.
"""

from __future__ import annotations

from whoosh.analysis import StemmingAnalyzer, StandardAnalyzer
from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

# Bump when the schema or the meaning of a stored field changes: an index with
# another version is refused with a message to rebuild, never misread.
SCHEMA_VERSION = 1

# No stop list: "was not brought", "voice of the child" and "Child E" are
# phrases researchers search for, and a stop list would silently drop words.
TEXT_ANALYZER = StemmingAnalyzer(stoplist=None, minsize=1)
NAME_ANALYZER = StandardAnalyzer(stoplist=None, minsize=1)

PASSAGE, FILE, META = "passage", "file", "meta"
META_KEY = "meta:archive"

REVIEW_TYPES = {
    "scr": "Serious case review",
    "cspr": "Child safeguarding practice review",
    "learning": "Learning review",
    "briefing": "Thematic briefing",
    "other": "Other",
}

OUTCOMES = ("indexed", "no_text", "needs_password", "damaged", "timed_out", "not_pdf")


def make_schema() -> Schema:
    return Schema(
        key=ID(unique=True, stored=True),
        kind=ID(stored=True),
        doc_id=ID(stored=True, sortable=True),
        page=NUMERIC(int, stored=True),
        position=NUMERIC(int, stored=True),
        text=TEXT(analyzer=TEXT_ANALYZER, stored=True, phrase=True),
        year=NUMERIC(int, sortable=True),
        review_type=ID,
        partnership=TEXT(analyzer=NAME_ANALYZER),
        themes=KEYWORD(stored=True, commas=True, lowercase=True),
        evidence=STORED,
        ocr=BOOLEAN(stored=True),
        data=STORED,
    )


def file_key(path: str) -> str:
    return "file:" + path
