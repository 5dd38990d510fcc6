"""The Whoosh schema shared by the indexer and the search side.

One index holds four kinds of record, told apart by ``kind``:

- ``passage``: a stretch of 80-250 words from one page of one document; the
  only records with ``text``, so every text query matches passages only.
- ``file``: one per PDF path, with its outcome (indexed, damaged, ...), the
  size/mtime/hash used for incremental runs and the document's metadata.
- ``meta``: a single record with the schema version and run information.
- ``recommendations``: one per document that has recommendation-type sections,
  with its items in ``data`` (see ``archive.index.recommendations``); it carries
  the ``doc_id`` term, so it is replaced and deleted with the document's passages.

Keeping them all in one index means one Whoosh commit updates passages and
the bookkeeping about them together: a run killed between commits leaves both
as they were at the last commit.
"""

from __future__ import annotations

import itertools
import struct
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.formats import Positions

from archive.index import patches  # noqa: F401  (whoosh-reloaded 2.7.5 fixes, applied on import)
from archive.index.text import NAME_ANALYZER, TEXT_ANALYZER, analyse, word_pairs

# Bump when the schema or the meaning of a stored field changes: an index with
# another version is refused with a message to rebuild, never misread.
# 2: the "pairs" field (pairs of common words, for fast phrases)
# 3: "form" of each passage (prose, list...); positions as packed arrays (PackedPositions);
#    "recommendations" records (a document's recommendations and improvement points); the "area"
#    field (the area a document is about, apart from its publisher), the review types "inspection"
#    and "guidance", and documents' details inferred anew (publishers, areas, titles)
SCHEMA_VERSION = 3


def _postings(words: Iterable[tuple[str, int]], fmt: Positions) -> Iterator[tuple[bytes, int, float, bytes]]:
    positions: dict[str, list[int]] = defaultdict(list)
    for word, pos in words:
        positions[word].append(pos)
    for word, where in positions.items():
        yield word.encode("utf-8"), len(where), float(len(where)), fmt.encode(where)


class PackedPositions(Positions):
    """Positions stored as an array of small integers instead of a pickled list: the count
    (as Whoosh's Positions has it), a width byte, then the gaps between positions, two bytes
    each (four where a gap is larger, which a passage of a few hundred words never has).
    Whoosh reads it through ``decode_positions``; the array engine reads many passages'
    positions at once (``unpack_many``), without a Python call per passage."""

    def encode(self, poslist: list[int]) -> bytes:
        if len(poslist) == 1 and poslist[0] < 65536:  # most words occur once in a passage
            return _ONCE + poslist[0].to_bytes(2, "little")
        gaps = array("H" if not poslist or max(poslist) < 65536 else "I")
        base = 0
        for pos in poslist:
            gaps.append(pos - base)
            base = pos
        if sys.byteorder != "little":
            gaps.byteswap()
        return _COUNT.pack(len(gaps)) + (b"\x02" if gaps.typecode == "H" else b"\x04") + gaps.tobytes()

    def decode_positions(self, valuestring: bytes) -> list[int]:
        width = valuestring[4:5]
        gaps = array("H" if width == b"\x02" else "I", valuestring[5:])
        if sys.byteorder != "little":
            gaps.byteswap()
        return list(itertools.accumulate(gaps))

    def decode_position_boosts(self, valuestring: bytes) -> list[tuple[int, int]]:
        return [(pos, 1) for pos in self.decode_positions(valuestring)]

    def combine(self, vs: Iterable[bytes]) -> bytes:
        found: set[int] = set()
        for v in vs:
            found.update(self.decode_positions(v))
        return self.encode(sorted(found))


_COUNT = struct.Struct("!I")  # as whoosh.system.pack_uint: Positions.decode_frequency reads it
_ONCE = _COUNT.pack(1) + b"\x02"


class PassageText(TEXT):
    """TEXT indexed by ``analyse`` (same terms and positions as its analyzer, which
    still parses queries). The indexer may pass the stems it already has as a list,
    with the text itself as ``_stored_text``. Positions are PackedPositions."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.format: Positions = PackedPositions(field_boost=self.format.field_boost)

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
        self.format: Positions = PackedPositions(field_boost=self.format.field_boost)

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        return _postings(word_pairs(value if isinstance(value, list) else analyse(value)), self.format)


PASSAGE, FILE, META, RECOMMENDATIONS = "passage", "file", "meta", "recommendations"
META_KEY = "meta:archive"

# What kind of text a passage is (indexer.forms decides): prose ranks ahead for plain words.
FORMS = {
    "prose": "Prose",
    "list": "List",
    "table": "Table",
    "glossary": "Glossary or definitions",
    "contents": "Contents",
    "references": "References and contact details",
}

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
        form=ID(stored=True),  # FORMS: prose, list, table, glossary, contents, references
        partnership=TEXT(analyzer=NAME_ANALYZER),  # who published it
        area=TEXT(analyzer=NAME_ANALYZER),  # the local authority or partnership area it is about
        themes=KEYWORD(stored=True, commas=True, lowercase=True),
        evidence=STORED,
        ocr=BOOLEAN(stored=True),
        data=STORED,
    )


def file_key(path: str) -> str:
    return "file:" + path
