"""Query evaluation over arrays, for searches that must visit every match.

Whoosh answers a query by stepping a tree of matchers through every matching
passage in Python, scoring each: fine for rare words, slow for "child" or
"social worker" in a national collection, and the archive also counts every
match per document. This module evaluates the same parsed queries over NumPy
arrays instead, reading Whoosh's own index files:

- a word's postings (passage numbers and frequencies) are decoded block by
  block from the index into arrays, and kept in a small cache;
- BM25F is computed for all of a word's passages at once, with Whoosh's own
  formula, statistics and length encoding, so scores match Whoosh's;
- AND, OR, NOT are set operations on sorted arrays; a phrase is looked up in
  the "pairs" field (neighbouring stems), so "social worker" is one posting
  list, and longer phrases check the pairs' positions only in passages that
  have all of them;
- filters (years, type, partnership, themes) become a mask;
- totals, per-document counts and the top passages (at most N per document)
  come from the same arrays.

Anything it does not know (a query type the parser may produce that is not
handled here) raises ``Unsupported`` and the caller uses Whoosh's own search
(``archive.search.backend.WhooshBackend``). Totals, per-document counts and the
top passages come from ``Columns``, which both backends share.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import OrderedDict
from typing import Any

import numpy as np
from whoosh import query
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from archive.index.patches import lengths_column
from archive.index.text import COMMON
from archive.search.backend import EMPTY, Columns, Coordinated, Matches, Unsupported

TEXT, PAIRS = "text", "pairs"
B, K1 = 0.75, 1.2  # whoosh.scoring.BM25F's defaults, which the archive's searcher uses
CACHE_BYTES = 96 * 1024 * 1024  # decoded postings kept between queries
MEMO_ITEMS = 64  # worked-out things kept per index state besides postings (theme queries, relaxed counts)
_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


def _intersect(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices (into a, into b) of the values two sorted unique arrays share, in order:
    binary search of the shorter in the longer."""
    if len(a) > len(b):
        ib, ia = _intersect(b, a)
        return ia, ib
    if not len(a):
        return EMPTY, EMPTY
    at = np.searchsorted(b, a)
    found = at < len(b)
    found[found] = b[at[found]] == a[found]
    return np.flatnonzero(found), at[found]


def _cover(words: list[str]) -> list[tuple[str, str, int]]:
    """Units (field, term, offset) that together pin down a phrase: pairs of common
    words taken left to right without overlap (a last word left over joins the pair
    before it), and every other word on its own. "voice of the child" is covered by
    "voic of" + "the child"; "child protection plan" by "child protect" + "protect plan"."""
    units: list[tuple[str, str, int]] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words) and words[i] in COMMON and words[i + 1] in COMMON:
            units.append((PAIRS, f"{words[i]} {words[i + 1]}", i))
            i += 2
        elif i > 0 and words[i - 1] in COMMON and words[i] in COMMON:
            units.append((PAIRS, f"{words[i - 1]} {words[i]}", i - 1))
            i += 1
        else:
            units.append((TEXT, words[i], i))
            i += 1
    return units


def _digest(docs: np.ndarray) -> bytes:
    """A short fingerprint of a set of passage numbers (to remember work done within it)."""
    return hashlib.blake2b(docs.tobytes(), digest_size=12).digest()


def unpack_positions(values: list[bytes], decode: Any = None) -> tuple[np.ndarray, np.ndarray]:
    """The positions in many postings' values at once: (count per value, all positions in order).
    PackedPositions values are decoded as one array; anything else one value at a time."""
    if all(v[4:5] == b"\x02" for v in values):
        counts = np.fromiter((len(v) - 5 for v in values), dtype=np.int64, count=len(values)) // 2
        gaps = np.frombuffer(b"".join(v[5:] for v in values), dtype="<u2").astype(np.int64)
        ends = np.cumsum(gaps)
        starts = np.cumsum(counts) - counts  # where each value's gaps begin
        base = np.zeros(len(values), dtype=np.int64)
        inner = starts > 0
        base[inner] = ends[starts[inner] - 1]
        return counts, ends - np.repeat(base, counts)
    decoded = [decode(v) if decode else [] for v in values]
    counts = np.fromiter((len(p) for p in decoded), dtype=np.int64, count=len(decoded))
    return counts, np.fromiter((x for p in decoded for x in p), dtype=np.int64, count=int(counts.sum()))


class _Cache:
    """Least recently used postings, bounded by their size in bytes."""

    def __init__(self, limit: int) -> None:
        self.limit, self.size = limit, 0
        self.items: OrderedDict[Any, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Any) -> tuple[np.ndarray, np.ndarray] | None:
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
            return found

    def put(self, key: Any, value: tuple[np.ndarray, np.ndarray]) -> None:
        nbytes = value[0].nbytes + value[1].nbytes
        if nbytes > self.limit // 4:
            return
        with self.lock:
            if key in self.items:
                return
            self.items[key] = value
            self.size += nbytes
            while self.size > self.limit and self.items:
                _, (a, b) = self.items.popitem(last=False)
                self.size -= a.nbytes + b.nbytes


def _block_postings(matcher: Any) -> tuple[list[Any], list[Any]]:
    """(ids, weights) of every posting of a leaf matcher, a block at a time."""
    ids: list[Any] = []
    weights: list[Any] = []
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.append(matcher._ids)
            weights.append(matcher._weights)
            matcher._next_block()
    else:  # another codec: step through it
        one_ids, one_weights = [], []
        while matcher.is_active():
            one_ids.append(matcher.id())
            one_weights.append(matcher.weight())
            matcher.next()
        ids, weights = [one_ids], [one_weights]
    return ids, weights


class Engine(Columns):
    """Array evaluation of parsed queries against one Whoosh searcher (one index state)."""

    def __init__(self, searcher: Searcher, doc_years: dict[str, int | None], cache_bytes: int = CACHE_BYTES) -> None:
        super().__init__(searcher, doc_years)
        self.lengths = np.zeros(self.size, dtype=np.float64)
        for leaf, offset in self.leaves:
            count = leaf.doc_count_all()
            self.lengths[offset : offset + count] = self._leaf_lengths(leaf, count)
        self.avgfl = searcher.avg_field_length(TEXT) or 1.0
        self.cache = _Cache(cache_bytes)
        self.memo: dict[Any, Any] = {}  # anything worked out from this index state (theme queries)
        # Whoosh's matchers seek and read a file shared by every thread using this searcher.
        self.reading = threading.Lock()

    def form_weights(self, weights: dict[str, float]) -> np.ndarray:
        """A weight per passage from its form (1.0 where none is recorded), kept for this index state."""
        key = ("form_weights", tuple(sorted(weights.items())))
        found = self.memo.get(key)
        if found is None:
            found = np.ones(self.size, dtype=np.float64)
            for form, weight in weights.items():
                if weight != 1.0:
                    found[self.postings("form", form)[0]] = weight
            self.memo[key] = found
        return found

    @staticmethod
    def _leaf_lengths(leaf: Any, count: int) -> np.ndarray:
        """The text field's length per document, decoded as Whoosh's scorer decodes it."""
        try:  # the lengths column's bytes, read at once
            column = lengths_column(leaf, TEXT)
            if column is None:
                return np.zeros(count, dtype=np.float64)
            stored = min(column._count, count)
            raw = np.zeros(count, dtype=np.uint8)
            raw[:stored] = np.frombuffer(column._dbfile.get(column._basepos, stored), dtype=np.uint8)
            return _LENGTHS[raw]
        except Exception:  # another codec: ask for each document
            return np.array([leaf.doc_field_length(d, TEXT) or 0 for d in range(count)], dtype=np.float64)

    # -- postings -----------------------------------------------------------------
    def postings(self, field: str, word: str) -> tuple[np.ndarray, np.ndarray]:
        """(global docnums, term frequencies) of a word's live postings."""
        key = (field, word)
        found = self.cache.get(key)
        if found is not None:
            return found
        ids: list[np.ndarray] = []
        freqs: list[np.ndarray] = []
        for leaf, offset in self.leaves:
            with self.reading:
                try:
                    matcher = leaf.postings(field, word)
                except Exception:  # TermNotFound: not in this segment
                    continue
                matcher = getattr(matcher, "child", matcher)  # deletions are masked below
                block_ids, block_weights = _block_postings(matcher)
            if block_ids:
                ids.append(np.concatenate([np.asarray(b, dtype=np.int64) for b in block_ids]) + offset)
                freqs.append(np.concatenate([np.asarray(w, dtype=np.float64) for w in block_weights]))
        if ids:
            docs, tf = np.concatenate(ids), np.concatenate(freqs)
            keep = self.live[docs]
            if not keep.all():
                docs, tf = docs[keep], tf[keep]
        else:
            docs, tf = EMPTY, np.zeros(0)
        self.cache.put(key, (docs, tf))
        return docs, tf

    def _bm25(self, idf: float, docs: np.ndarray, tf: np.ndarray, boost: float) -> np.ndarray:
        lengths = self.lengths[docs]
        return boost * idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * lengths / self.avgfl)))

    def term(self, word: str, boost: float = 1.0) -> Matches:
        docs, tf = self.postings(TEXT, word)
        if not len(docs):
            return Matches.empty()
        return Matches(docs, self._bm25(self.searcher.idf(TEXT, word), docs, tf, boost))

    def phrase(self, words: list[str], boost: float = 1.0, within: np.ndarray | None = None) -> Matches:
        """Passages where the stems follow one another, scored by how often the phrase occurs.

        The phrase is covered by as few units as it can be: pairs of common words (the
        "pairs" field) and single words not in such a pair. Passages holding every unit
        are candidates; with more than one unit, their positions are checked in the
        candidates only. ``within``: only these passages are looked at (a phrase that only
        adds to the score of passages already found); otherwise the answer is kept, so a
        phrase used again (by the page's counts, the next page of results) costs nothing.
        """
        if len(words) == 1:
            return self.term(words[0], boost)
        units = _cover(words)
        if len(units) == 1:  # one pair of common words: its postings are the phrase's
            field, term, _ = units[0]
            docs, tf = self.postings(field, term)
            if not len(docs):
                return Matches.empty()
            return Matches(docs, self._bm25(self.searcher.idf(field, term), docs, tf, boost))
        key = ("phrase", tuple(words)) if within is None else ("phrase", tuple(words), _digest(within))
        found = self.cache.get(key)
        if found is None:
            lists = sorted((self.postings(field, term)[0] for field, term, _ in units), key=len)
            if within is not None:
                lists.insert(0, within)
            docs = lists[0]
            for other in lists[1:]:
                if not len(docs):
                    break
                docs = docs[_intersect(docs, other)[0]]
            found = self._phrase_check(units, docs) if len(docs) else (EMPTY, np.zeros(0))
            self.cache.put(key, found)
        docs, tf = found
        if not len(docs):
            return Matches.empty()
        idf = math.log(self.size / (len(docs) + 1)) + 1  # within: an estimate, as for a rarer phrase
        return Matches(docs, self._bm25(idf, docs, tf, boost))

    def _positions(self, field: str, term: str, candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(docnum, position) of every occurrence of a term in the candidate passages."""
        docs: list[int] = []
        values: list[bytes] = []  # each passage's encoded positions, decoded together at the end
        decode = None
        for leaf, offset in self.leaves:
            lo, hi = np.searchsorted(candidates, [offset, offset + leaf.doc_count_all()])
            local = candidates[lo:hi] - offset
            if not len(local):
                continue
            try:
                matcher = leaf.postings(field, term)
            except Exception:  # TermNotFound: not in this segment
                continue
            matcher = getattr(matcher, "child", matcher)
            decode = matcher.format.decode_positions
            if isinstance(matcher, W3LeafMatcher):
                at = 0  # the next candidate not yet passed
                while matcher.is_active() and at < len(local):
                    top = matcher.block_max_id()
                    if top >= local[at]:  # this block may hold candidates: read its ids
                        upto = int(np.searchsorted(local, top, side="right"))
                        matcher._read_ids()
                        ids = np.asarray(matcher._ids, dtype=np.int64)
                        wanted = np.flatnonzero(np.isin(ids, local[at:upto], assume_unique=True))
                        if len(wanted):
                            matcher._read_values()
                            block = matcher._values
                            docs.extend((ids[wanted] + offset).tolist())
                            values.extend(block[j] for j in wanted.tolist())
                        at = upto
                    matcher._next_block()
            else:
                for docnum in local.tolist():
                    if not matcher.is_active():
                        break
                    matcher.skip_to(docnum)
                    if matcher.is_active() and matcher.id() == docnum:
                        docs.append(docnum + offset)
                        values.append(matcher.value())
        if not values:
            return EMPTY, EMPTY
        counts, flat = unpack_positions(values, decode)
        return np.repeat(np.asarray(docs, dtype=np.int64), counts), flat

    def _phrase_check(self, units: list[tuple[str, str, int]], candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Of the passages holding every unit, those where the units stand at their
        offsets from one start, with the number of such starts (phrase frequency)."""
        starts: np.ndarray | None = None
        for field, term, offset in units:
            with self.reading:
                docs, positions = self._positions(field, term, candidates)
            keys = np.unique((docs << 24) + (positions - offset))  # a passage has far fewer than 2**24 words
            starts = keys if starts is None else starts[_intersect(starts, keys)[0]]
            if not len(starts):
                break
        if starts is None or not len(starts):
            return EMPTY, np.zeros(0)
        docs, freqs = np.unique(starts >> 24, return_counts=True)
        return docs, freqs.astype(np.float64)

    # -- query trees -------------------------------------------------------------
    def evaluate(self, q: query.Query) -> Matches:
        """Every passage matching a parsed query, with its score. Compound parts are remembered
        (bounded by memory, like postings): a search evaluates the same parts several times
        (counting every word, relaxing, ranking, the page's counts)."""
        if isinstance(q, (query.And, query.Or, query.AndMaybe)):
            key = ("eval", repr(q))
            found = self.cache.get(key)
            if found is not None:
                return Matches(*found)
            result = self._evaluate(q)
            self.cache.put(key, (result.docs, result.scores))
            return result
        return self._evaluate(q)

    def _evaluate(self, q: query.Query) -> Matches:
        if q is query.NullQuery or isinstance(q, query.NullQuery.__class__):
            return Matches.empty()
        if isinstance(q, query.Term):
            if q.fieldname != TEXT:
                return self._unscored(q)
            return self.term(q.text, q.boost)
        if isinstance(q, query.Phrase):
            if q.fieldname != TEXT or q.slop != 1:
                raise Unsupported(q)
            return self.phrase(list(q.words), q.boost)
        if isinstance(q, query.Prefix):
            if q.fieldname != TEXT:
                raise Unsupported(q)
            words = self.searcher.reader().expand_prefix(TEXT, q.text)
            return self._or([self.term(word, q.boost) for word in words])
        if isinstance(q, query.And) and type(q) is query.And:
            positive = [c for c in q.subqueries if not isinstance(c, query.Not)]
            negative = [c.query for c in q.subqueries if isinstance(c, query.Not)]
            if not positive:
                raise Unsupported(q)
            result = self.evaluate(positive[0])
            for child in positive[1:]:
                result = self._and(result, self.evaluate(child))
            for child in negative:
                excluded = self.evaluate(child).docs
                keep = ~np.isin(result.docs, excluded, assume_unique=True)
                # Whoosh's inverse matcher adds a constant 1 to every passage it lets through
                result = Matches(result.docs[keep], result.scores[keep] + 1.0)
            return result
        if isinstance(q, query.Or) and type(q) is query.Or:
            if getattr(q, "minmatch", 0) or getattr(q, "scale", None):
                raise Unsupported(q)
            return self._or([self.evaluate(c) for c in q.subqueries if not isinstance(c, query.Not)])
        if isinstance(q, Coordinated):
            return self._coordinated(q)
        if isinstance(q, query.AndMaybe):
            required = self.evaluate(q.a)
            return self._and_maybe(required, self._optional(q.b, required.docs))
        raise Unsupported(q)

    def _coordinated(self, q: Coordinated) -> Matches:
        """Passages holding at least ``minmatch`` of the parts, scored by the parts' sum
        times (parts held / parts) ** power: the more of the query a passage holds, the higher."""
        key = ("held", repr(q.subqueries))
        found = self.memo.get(key)
        if found is None:
            parts = [self.evaluate(c) for c in q.subqueries]
            parts = [p for p in parts if len(p.docs)]
            if not parts:
                return Matches.empty()
            docs = np.concatenate([p.docs for p in parts])
            scores = np.concatenate([p.scores for p in parts])
            unique, inverse = np.unique(docs, return_inverse=True)
            held = np.bincount(inverse, minlength=len(unique))
            total = np.bincount(inverse, weights=scores, minlength=len(unique))
            found = self.memo[key] = (unique, held, total)
            self._trim_memo()
        unique, held, total = found
        keep = held >= max(1, q.minmatch)
        factor = (held[keep] / max(1, len(q.subqueries))) ** q.power
        return Matches(unique[keep], total[keep] * factor * q.boost)

    def _trim_memo(self) -> None:
        """Forget the oldest things worked out, past MEMO_ITEMS (another thread may be trimming too)."""
        while len(self.memo) > MEMO_ITEMS:
            try:
                self.memo.pop(next(iter(self.memo)))
            except (RuntimeError, StopIteration, KeyError):
                return

    def _optional(self, q: query.Query, within: np.ndarray) -> Matches:
        """An optional part (phrases that raise a score) evaluated only in the passages found."""
        if isinstance(q, query.Phrase) and q.fieldname == TEXT and q.slop == 1 and len(q.words) > 1:
            return self.phrase(list(q.words), q.boost, within=within)
        if isinstance(q, query.Or) and type(q) is query.Or:
            return self._or([self._optional(c, within) for c in q.subqueries])
        return self.evaluate(q)

    @staticmethod
    def _and_maybe(required: Matches, optional: Matches) -> Matches:
        """The required passages, with the optional part's score added where it matches too."""
        if not len(optional.docs) or not len(required.docs):
            return required
        ia, ib = _intersect(required.docs, optional.docs)
        scores = required.scores.copy()
        scores[ia] += optional.scores[ib]
        return Matches(required.docs, scores)

    def _unscored(self, q: query.Term) -> Matches:
        docs, _ = self.postings(q.fieldname, q.text)
        return Matches(docs, np.zeros(len(docs)))

    @staticmethod
    def _and(a: Matches, b: Matches) -> Matches:
        ia, ib = _intersect(a.docs, b.docs)
        return Matches(a.docs[ia], a.scores[ia] + b.scores[ib])

    @staticmethod
    def _or(parts: list[Matches]) -> Matches:
        parts = [p for p in parts if len(p.docs)]
        if not parts:
            return Matches.empty()
        if len(parts) == 1:
            return parts[0]
        docs = np.concatenate([p.docs for p in parts])
        scores = np.concatenate([p.scores for p in parts])
        unique, inverse = np.unique(docs, return_inverse=True)
        return Matches(unique, np.bincount(inverse, weights=scores, minlength=len(unique)))

    def mask(self, filter_q: query.Query | None) -> np.ndarray | None:
        """The passages a filter allows, as a boolean array (None: no filter)."""
        if filter_q is None:
            return None
        parts = filter_q.subqueries if type(filter_q) is query.And else [filter_q]
        allowed = np.ones(self.size, dtype=bool)
        for part in parts:
            if isinstance(part, query.NumericRange) and part.fieldname == "year":
                low = -1 if part.start is None else part.start + (1 if part.startexcl else 0)
                high = 1 << 30 if part.end is None else part.end - (1 if part.endexcl else 0)
                allowed &= (self.years >= max(low, 0)) & (self.years <= high)
            elif isinstance(part, query.Term):
                keep = np.zeros(self.size, dtype=bool)
                keep[self.postings(part.fieldname, part.text)[0]] = True
                allowed &= keep
            else:
                raise Unsupported(part)
        return allowed

    def matches(self, q: query.Query, filter_q: query.Query | None = None) -> Matches:
        found = self.evaluate(q)
        allowed = self.mask(filter_q)
        if allowed is not None and len(found.docs):
            keep = allowed[found.docs]
            found = Matches(found.docs[keep], found.scores[keep])
        return found
