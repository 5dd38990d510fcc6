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
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.formats import Positions
from whoosh.lang.porter import stem

# Bump when the schema or the meaning of a stored field changes: an index with
# another version is refused with a message to rebuild, never misread.
SCHEMA_VERSION = 2  # 2: the "pairs" field (pairs of common words, for fast phrases)

# No stop list: "was not brought", "voice of the child" and "Child E" are
# phrases researchers search for, and a stop list would silently drop words.
TEXT_ANALYZER = StemmingAnalyzer(stoplist=None, minsize=1)
NAME_ANALYZER = StandardAnalyzer(stoplist=None, minsize=1)

# The tokens TEXT_ANALYZER yields, without its per-token objects: RegexTokenizer's
# default pattern, lower case, Porter stems. Indexing spends most of its time here.
WORD_PATTERN = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")
_STEMS: dict[str, str] = {}


def stem_word(word: str) -> str:
    """The Porter stem of a lower-cased word, remembered."""
    stemmed = _STEMS.get(word)
    if stemmed is None:
        if len(_STEMS) > 200_000:
            _STEMS.clear()
        stemmed = _STEMS[word] = stem(word)
    return stemmed


def analyse(text: str) -> list[str]:
    """The stems of text, in order: exactly [t.text for t in TEXT_ANALYZER(text)], faster."""
    cache = _STEMS
    out = []
    for word in WORD_PATTERN.findall(text):
        word = word.lower()
        stemmed = cache.get(word)
        if stemmed is None:
            stemmed = stem_word(word)
        out.append(stemmed)
    return out


# Words common in English and in case reviews. A phrase made only of these ("social
# worker", "of the", "child protection plan") occurs in a large share of passages, and
# checking word positions in each of them is slow; so each pair of neighbouring words
# that are both common is indexed as one term (the "common grams" technique). A phrase
# with a rarer word is checked in the few passages that contain that word. Changing
# this list changes the index: bump SCHEMA_VERSION.
COMMON_WORDS = """a about after all also an and any are as at be been before being between both but by
can could did do does during each for from had has have he her him his how i if in into is it its
may more most must no not of on one or other our out over same she should so some such than that the
their them then there these they this those through to under up was we were what when where which
while who will with within would you your
abuse abused access action adult adults agencies agency alcohol appointment appointments assessment
assessments attend attendance baby brought care case cases child children concern concerns conference
court decision decisions development domestic drug drugs early education evidence experience families
family father foster further help health home hospital housing information injuries injury learning
life lived local meeting meetings mental mother multi need needs neglect parent parents partner
partnership partnerships plan planning plans police practice practitioner practitioners professional
professionals protection record records referral referrals report reports response review reviews
risk risks safe safeguarding safety school schools serious service services sexual sharing social
staff strategy support supervision team teams time violence visit visits visitor visitors voice work
worker workers working young""".split()
COMMON = frozenset(analyse(" ".join(COMMON_WORDS)))


def word_pairs(stems: list[str]) -> list[tuple[str, int]]:
    """Each common stem joined to the next when that is common too, with the position
    of its first word: the "pairs" terms (their positions are the text's word positions)."""
    common = COMMON
    return [(f"{a} {b}", i) for i, (a, b) in enumerate(zip(stems, stems[1:])) if a in common and b in common]


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


def _cache_missing_columns() -> None:
    """whoosh-reloaded 2.7.5 asks the file system whether a field has a lengths column
    every time a length is looked up for a field without one (once per posting of
    "kind", "themes", ... while a segment is written): remember the answer."""
    from whoosh.codec.whoosh3 import W3PerDocReader

    def _cached_reader(self: Any, fieldname: str, column: Any) -> Any:
        try:
            return self._readers[fieldname]
        except KeyError:
            reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
            self._readers[fieldname] = reader
            return reader

    W3PerDocReader._cached_reader = _cached_reader


_cache_missing_columns()


class _MappedFile:
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
        f.file = _MappedFile(self._source, offset, length)
        return f

    CompoundStorage.open_file = open_file


_map_compound_files()

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
        page=STORED,  # read, never searched: no postings
        position=STORED,
        text=PassageText(analyzer=TEXT_ANALYZER, stored=True, phrase=True),
        pairs=WordPairs(),
        year=NUMERIC(int, sortable=True, shift_step=0),  # one term per passage; ranges of years are short
        review_type=ID,
        partnership=TEXT(analyzer=NAME_ANALYZER),
        themes=KEYWORD(stored=True, commas=True, lowercase=True),
        evidence=STORED,
        ocr=BOOLEAN(stored=True),
        data=STORED,
    )


def file_key(path: str) -> str:
    return "file:" + path
