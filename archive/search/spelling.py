"""Did you mean: a close spelling for a query that finds little.

The text field is stemmed, so candidates come from the index's stems (Whoosh's
``terms_within``: Damerau-Levenshtein distance, same first letter), and each is
shown as a word actually written in the reviews: the written form of that stem,
found in stored passages, closest to what was typed. Rules, so that a
researcher's domain terms are never "corrected" into common words:

- a word that itself has hits (MASH, LADO, CAMHS, "Section 47") stays as typed;
- a suggestion starts with the same letter and is at most 2 edits away (1 for
  words of 4 letters or fewer), words of fewer than 4 letters are left alone;
- a suggestion is made only when it finds more passages under the same filters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from itertools import islice, product

from whoosh import query
from whoosh.searching import Searcher

from archive.errors import QueryError
from archive.index.text import TEXT_ANALYZER

SUGGEST_BELOW = 3  # a query with fewer matching passages than this gets a suggestion, if one finds more
MIN_LETTERS = 4
CANDIDATES = 3  # alternatives tried per misspelt word
LOOKUPS = 8  # stems whose written forms are looked up, most frequent first
SAMPLE = 20  # passages read to find how a stem is written
LOOKED_UP = 6  # unknown words of one query looked up at most: each lookup reads passages
_WORD = re.compile(r"\w+")
_OPERATORS = {"AND", "OR", "NOT"}


def distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count as one edit)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _limit(word: str) -> int:
    return 1 if len(word) <= 4 else 2


def written_forms(searcher: Searcher, stem: str) -> Counter[str]:
    """How ``stem`` is written in (a sample of) the passages that contain it, lowercased."""
    # A stem keeps the first letters of its words ("cry" -> "cri" keeps two), so only those words are stemmed.
    start = re.compile(r"\b" + re.escape(stem[:2]) + r"\w*", re.IGNORECASE)
    forms: Counter[str] = Counter()
    for docnum in islice(searcher.docs_for_query(query.Term("text", stem)), SAMPLE):
        for match in start.finditer(searcher.stored_fields(docnum).get("text", "")):
            if [t.text for t in TEXT_ANALYZER(match.group())] == [stem]:
                forms[match.group().lower()] += 1
    return forms


def _match_case(typed: str, word: str) -> str:
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _stems_near(searcher: Searcher, typed: str, stem: str, limit: int) -> set[str]:
    """Index stems that may be written close to ``typed``: stems close to its stem, and
    stems that begin it ("exploitaton" keeps its ending, "exploitation" is "exploit")."""
    reader = searcher.reader()
    near = set(reader.terms_within("text", stem, limit, prefix=1))
    for raw in reader.expand_prefix("text", typed[:3]):
        term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        if MIN_LETTERS <= len(term) < len(typed) and distance(term, typed[: len(term)]) <= 1:
            near.add(term)
    return {s for s in near if s.isalpha()}


def candidates(searcher: Searcher, word: str) -> list[str]:
    """Written words close to ``word``, best first: fewest edits, then most passages."""
    reader = searcher.reader()
    stems = [t.text for t in TEXT_ANALYZER(word)]
    if len(stems) != 1:
        return []
    typed, limit = word.lower(), _limit(word)
    frequency = {s: reader.doc_frequency("text", s) for s in _stems_near(searcher, typed, stems[0], limit)}
    found: dict[str, tuple[int, int]] = {}
    for stem in sorted((s for s in frequency if frequency[s]), key=lambda s: (-frequency[s], s))[:LOOKUPS]:
        forms = written_forms(searcher, stem)
        if not forms:
            continue  # only in records deleted since the last merge
        form = min(forms, key=lambda f: (distance(typed, f), -forms[f], f))
        edits = distance(typed, form)
        if edits <= limit and form[:1] == typed[:1] and form != typed:
            found.setdefault(form, (edits, -frequency[stem]))
    return [_match_case(word, form) for form in sorted(found, key=lambda f: (*found[f], f))[:CANDIDATES]]


def suggest(
    searcher: Searcher, text: str, parse: Callable[[str], query.Query], count: Callable[[query.Query], int], total: int
) -> str | None:
    """``text`` with its unknown words respelt, if that finds more than ``total`` passages.

    ``parse`` turns a respelt text into a query (QueryError if it cannot), ``count``
    counts its passages under the caller's filters: the caller's own rules, passed down."""
    reader = searcher.reader()
    misspelt: list[tuple[int, int, list[str]]] = []
    looked = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if word in _OPERATORS or not word.isalpha() or len(word) < MIN_LETTERS:
            continue
        if text[match.end() : match.end() + 1] == "*":
            continue  # a prefix, not a word
        if any(reader.doc_frequency("text", t.text) for t in TEXT_ANALYZER(word)):
            continue  # the archive uses this word: keep it as typed
        looked += 1
        if looked > LOOKED_UP:
            break  # a long query stays fast: later words are left as typed
        options = candidates(searcher, word)
        if options:
            misspelt.append((match.start(), match.end(), options))
    if not misspelt:
        return None
    for choice in islice(product(*(options for _, _, options in misspelt)), CANDIDATES**2):  # never all of them
        respelt, last = [], 0
        for (start, end, _), word in zip(misspelt, choice):
            respelt += [text[last:start], word]
            last = end
        respelt.append(text[last:])
        suggestion = "".join(respelt)
        try:
            q = parse(suggestion)
        except QueryError:
            continue
        if count(q) > total:
            return suggestion
    return None
