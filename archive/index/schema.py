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

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.formats import Positions

from archive.index import patches  # noqa: F401  (whoosh-reloaded 2.7.5 fixes, applied on import)
from archive.index.text import NAME_ANALYZER, TEXT_ANALYZER, analyse, word_pairs

# Bump when the schema or the meaning of a stored field changes: an index with
# another version is refused with a message to rebuild, never misread.
SCHEMA_VERSION = 3  # 2: the "pairs" field (pairs of common words, for fast phrases)
# 3: the "area" field (the area a document is about, apart from its publisher), the review types
#    "inspection" and "guidance", and documents' details inferred anew (publishers, areas, titles)


def _postings(words: Iterable[tuple[str, int]], fmt: Positions) -> Iterator[tuple[bytes, int, float, bytes]]:
    positions: dict[str, list[int]] = defaultdict(list)
    for word, pos in words:
        positions[word].append(pos)
    for word, where in positions.items():
        yield word.encode("utf-8"), len(where), float(len(where)), fmt.encode(where)


class PassageText(TEXT):
    """TEXT indexed by ``analyse`` (same terms and positions as its analyzer, which
    still parses queries). The indexer may pass the stems it already has as a list,
    with the text itself as ``_stored_text``."""

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        stems = value if isinstance(value, list) else analyse(value)
        return _postings(zip(stems, itertools.count()), self.format)


class WordPairs(TEXT):
    """Pairs of neighbouring common stems ("social worker", see COMMON_WORDS) with their
    positions, so a phrase of common words is found by looking up its pairs instead of
    checking every passage that has all its words. Given the passage's stems (a list)
    or its text."""

    def __init__(self) -> None:
        # Scorable (a byte per passage for its length) although it is scored with the text
        # field's lengths: Whoosh's segment writer looks for a lengths column at every posting
        # and, for a field without one, asks the file system each time.
        super().__init__(analyzer=TEXT_ANALYZER, phrase=True)

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        return _postings(word_pairs(value if isinstance(value, list) else analyse(value)), self.format)


PASSAGE, FILE, META = "passage", "file", "meta"
META_KEY = "meta:archive"

REVIEW_TYPES = {
    "scr": "Serious case review",
    "cspr": "Child safeguarding practice review",
    "learning": "Learning review",
    "briefing": "Thematic briefing",
    "inspection": "Inspection report",
    "guidance": "Guidance",
    "other": "Other",
}


def make_schema() -> Schema:
    return Schema(
        key=ID(unique=True, stored=True),
        kind=ID(stored=True),
        doc_id=ID(stored=True, sortable=True),
        page=STORED,  # read, never searched: no postings
        position=STORED,
        text=PassageText(analyzer=TEXT_ANALYZER, stored=True, phrase=True),
        pairs=WordPairs(),
        year=NUMERIC(int, sortable=True, shift_step=0),  # one term per passage; ranges of years are short
        review_type=ID,
        partnership=TEXT(analyzer=NAME_ANALYZER),  # who published it
        area=TEXT(analyzer=NAME_ANALYZER),  # the local authority or partnership area it is about
        themes=KEYWORD(stored=True, commas=True, lowercase=True),
        evidence=STORED,
        ocr=BOOLEAN(stored=True),
        data=STORED,
    )


def file_key(path: str) -> str:
    return "file:" + path
