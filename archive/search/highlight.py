"""Finding stemmed words and phrases in stored text, and marking them.

One home for "where in this text does the query (or a theme's term) occur":
``find`` matches words, phrases and prefixes by their stems (so "neglected"
is an occurrence of "neglect"), stemming only the words that can match (a Porter
stem keeps its word's first letter). Search highlights, a theme's evidence, the
document page and the concordance all use it.

Marked text carries MARK_START/MARK_END (private-use code points never found in
PDF text) around matches; callers render them as they need.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Sequence
from typing import Any

from whoosh.highlight import FIRST, BasicFragmentScorer, Formatter, Fragment, get_text, top_fragments

from archive.index.text import WORD_PATTERN, stem_word

MARK_START, MARK_END = "\ue000", "\ue001"

# A pattern: the stems of a word or phrase, each (stem, is_prefix): ("safeguard", True) is "safeguard*".
Pattern = tuple[tuple[str, bool], ...]


def pattern(words: Iterable[str], prefix_last: bool = False) -> Pattern:
    """A pattern of stems; with ``prefix_last`` its last stem is a prefix."""
    stems = list(words)
    return tuple((stem, prefix_last and i == len(stems) - 1) for i, stem in enumerate(stems))


class Text:
    """A text's words (as the index splits them), stemmed on demand."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found = list(WORD_PATTERN.finditer(text))
        self.lowered = [m.group().lower() for m in self.found]
        self._stems: dict[int, str] = {}

    def stem(self, i: int) -> str:
        stemmed = self._stems.get(i)
        if stemmed is None:
            stemmed = self._stems[i] = stem_word(self.lowered[i])
        return stemmed

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets from the start of word ``first`` to the end of word ``last``."""
        return self.found[first].start(), self.found[last].end()

    def find(self, patterns: Sequence[Pattern]) -> list[tuple[int, int]]:
        """(first word, word after the last) of every occurrence of every pattern, in text order."""
        by_first: dict[str, list[Pattern]] = {}
        for p in patterns:
            if p:
                by_first.setdefault(p[0][0][:1], []).append(p)
        out: list[tuple[int, int]] = []
        count = len(self.found)
        for i, word in enumerate(self.lowered):
            candidates = by_first.get(word[:1])
            if not candidates:
                continue
            for p in candidates:
                end = i + len(p)
                if end <= count and all(
                    self.stem(j).startswith(stem) if prefix else self.stem(j) == stem
                    for j, (stem, prefix) in zip(range(i, end), p)
                ):
                    out.append((i, end))
        return out


def spans(text: str, patterns: Sequence[Pattern]) -> list[tuple[int, int]]:
    """Character spans of every occurrence of the patterns in ``text``, in order."""
    words = Text(text)
    return [words.span(i, end - 1) for i, end in words.find(patterns)]


def segments(marked: str) -> list[tuple[str, bool]]:
    """Split marked text into (text, is_match) pieces."""
    out = []
    for i, piece in enumerate(re.split(f"[{MARK_START}{MARK_END}]", marked)):
        if piece:
            out.append((piece, i % 2 == 1))
    return out


def marked_as(marked: str, start: str, end: str) -> str:
    """Marked text with its marks replaced by ``start`` and ``end`` ("**", or HTML)."""
    return marked.replace(MARK_START, start).replace(MARK_END, end)


def mark_spans(text: str, found: list[tuple[int, int]]) -> str:
    """``text`` with the non-overlapping spans marked."""
    out, last = [], 0
    for start, end in sorted(found):
        if start < last:
            continue
        out.append(text[last:start] + MARK_START + text[start:end] + MARK_END)
        last = end
    out.append(text[last:])
    return "".join(out)


def mark_terms(text: str, terms: Iterable[str]) -> str:
    """``text`` with every word whose stem is in ``terms`` marked."""
    wanted = [pattern([t]) for t in set(terms)]
    return mark_spans(text, spans(text, wanted)) if wanted else text


def mark_phrases(text: str, phrases: Sequence[Sequence[str]], width: int = 420) -> str:
    """Mark whole occurrences of stemmed phrases in text, and cut a window around the first.

    A theme's evidence is phrases, so it is marked as phrases (not every "of" and "the").
    """
    merged: list[list[int]] = []
    for start, end in sorted(spans(text, [pattern(p) for p in phrases])):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    begin = max(0, merged[0][0] - width // 3) if merged else 0
    begin = text.rfind(" ", 0, begin) + 1 if begin else 0
    stop = min(len(text), begin + width)
    stop = text.find(" ", stop) if stop < len(text) and text.find(" ", stop) != -1 else len(text)
    out, pos = [], begin
    for start, end in merged:
        if start < begin or end > stop:
            continue
        out += [text[pos:start], MARK_START, text[start:end], MARK_END]
        pos = end
    out.append(text[pos:stop])
    return ("… " if begin else "") + "".join(out) + (" …" if stop < len(text) else "")


# -- search highlights: Whoosh's context fragments over plain offsets --------------------


class Marker(Formatter):
    """Whoosh formatter: matched words between MARK_START and MARK_END."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return MARK_START + get_text(text, token, replace) + MARK_END


class _Token:
    """What Whoosh's fragmenter, fragment scorer and formatter read of a token."""

    __slots__ = ("text", "startchar", "endchar", "pos", "matched", "boost")

    def __init__(self, text: str, startchar: int, endchar: int, pos: int) -> None:
        self.text, self.startchar, self.endchar, self.pos = text, startchar, endchar, pos
        self.matched, self.boost = False, 1.0


def _fragments(words: Text, marked: list[bool], maxchars: int = 400, surround: int = 80) -> list[Fragment]:
    """Whoosh's ContextFragmenter over plain offsets (same fragments, no token objects
    for the words that are not marked)."""
    text = words.text
    out: list[Fragment] = []
    first: int | None = None
    firsts: deque[int] = deque()
    countdown, currentlen, endchar = -1, 0, 0
    tks: list[_Token] = []
    for i, match in enumerate(words.found):
        startchar, endchar = match.span()
        tlength = endchar - startchar
        if countdown < 0 and not marked[i]:
            firsts.append(startchar)
            while firsts and endchar - firsts[0] > surround:
                firsts.popleft()
        elif currentlen + tlength > maxchars:
            countdown = 0
        elif marked[i]:
            countdown = surround
            if first is None:
                if firsts:
                    first = firsts[0]
                else:
                    first = startchar
                    countdown += surround
            token = _Token(words.stem(i), startchar, endchar, i)
            token.matched = True
            tks.append(token)
        if countdown >= 0:
            currentlen += tlength
            countdown -= tlength
            if countdown <= 0:
                out.append(Fragment(text, tks, startchar=first or 0, endchar=endchar))
                tks, firsts, first, currentlen = [], deque(), None, 0
    if tks:
        out.append(Fragment(text, tks, startchar=first or 0, endchar=endchar))
    return out


ADJACENT = re.compile(f"{MARK_END}([ \t]+){MARK_START}")  # "[social] [worker]" -> "[social worker]"


def highlight(text: str, words: set[str], phrases: list[tuple[str, ...]], top: int = 3) -> str:
    """Up to ``top`` fragments of text around the query's words, marked: words
    anywhere, a phrase's words only where the whole phrase occurs."""
    found = Text(text)
    marked = [False] * len(found.found)
    for first, end in found.find([pattern([w]) for w in words] + [pattern(p) for p in phrases]):
        for j in range(first, end):
            marked[j] = True
    fragments = top_fragments(_fragments(found, marked), top, BasicFragmentScorer(), FIRST)
    return ADJACENT.sub(r"\1", Marker()(text, fragments))
