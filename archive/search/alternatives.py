"""Searches close to one that found nothing, each with how many passages it would find.

The command line and the search page offer the same ones: the same words without the
filters, the words without quotation marks, the words that are in the archive (leaving
out those found in no passage), or any of the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.errors import QueryError
from archive.search.archive import Archive
from archive.search.filters import Filters

WITHOUT_FILTERS, UNQUOTED, FOUND_WORDS, ANY_WORD = "without_filters", "unquoted", "found_words", "any_word"
_OPERATORS = re.compile(r"[()*]|\b(AND|OR|NOT)\b|(^|\s)-")


@dataclass(frozen=True)
class Alternative:
    """A search to try instead: its words, whether it keeps the filters, and what it finds."""

    kind: str  # WITHOUT_FILTERS, UNQUOTED, FOUND_WORDS or ANY_WORD
    query: str
    total: int  # matching passages
    keeps_filters: bool = True
    missing: tuple[str, ...] = ()  # FOUND_WORDS: the words found in no passage

    def describe(self) -> str:
        """In words, for a person ("the words without quotation marks")."""
        if self.kind == WITHOUT_FILTERS:
            return "the same words without any filters"
        if self.kind == UNQUOTED:
            return "the words without quotation marks"
        if self.kind == FOUND_WORDS:
            return f"leaving out {', '.join(self.missing)} (found in no passage)"
        return "any of the words"


def alternatives(archive: Archive, text: str, filters: Filters | None = None) -> list[Alternative]:
    """What to try when ``text`` (within ``filters``) finds nothing: only searches that find something."""
    filters = filters or Filters()
    found: list[Alternative] = []

    def consider(kind: str, query: str, keep: bool = True, missing: tuple[str, ...] = ()) -> None:
        try:
            total = archive.count(archive.parse(query)[0], archive.filter_query(filters) if keep else None)
        except QueryError:
            return
        if total:
            found.append(Alternative(kind, query, total, keep, missing))

    text = text.strip()
    if not text:
        return found
    if filters:
        consider(WITHOUT_FILTERS, text, keep=False)
    if '"' in text:
        consider(UNQUOTED, " ".join(text.replace('"', " ").split()))
    words = text.replace('"', " ").split()
    if len(words) > 1 and not _OPERATORS.search(text):
        in_archive = [w for w in words if _finds(archive, w)]
        if 0 < len(in_archive) < len(words):
            missing = tuple(w for w in words if w not in in_archive)
            consider(FOUND_WORDS, " ".join(in_archive), missing=missing)
        elif in_archive:
            consider(ANY_WORD, " OR ".join(words))
    return found


def _finds(archive: Archive, word: str) -> bool:
    try:
        return archive.count(archive.parse(word)[0]) > 0
    except QueryError:
        return False
