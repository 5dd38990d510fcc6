"""Split cleaned page text into passages of roughly 80-250 words.

Passages never cross a page, so every hit cites one page. Lines are first
re-flowed into paragraphs (a numbered paragraph, a bullet, or a short line
ending a sentence starts a new one), then paragraphs are packed into passages,
breaking inside a paragraph only at sentence ends, and inside a sentence only
when it alone is longer than the maximum.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from indexer.forms import classify

MIN_WORDS = 80
TARGET_WORDS = 150
MAX_WORDS = 250

_PARA_START = re.compile(r"^(\d{1,2}(\.\d{1,3})+\.?\s|\d{1,3}[.)]\s|[•●▪■◦·*\-–]\s|\(?[a-z]{1,3}\)\s)")
_SENTENCE_END = re.compile(r"[.?!:;][\"'”’)]*$")
_TOC_LINE = re.compile(r"(\.{2,}|…|\s)\s*\d{1,3}$")
# Split in the space after a sentence end and any closing quotes/brackets, never
# consuming those closers (re.split drops what it matches).
_SENTENCE_SPLIT = re.compile(r"(?:(?<=[.?!])|(?<=[.?!][\"'”’)])|(?<=[.?!][\"'”’)]{2}))\s+(?=[\"'“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Passage:
    page: int  # 1-based page number, as a reader counts pages in the PDF
    position: int  # order within the document, from 0
    text: str
    form: str = "prose"  # what kind of text it is (indexer.forms)

    @property
    def words(self) -> int:
        return len(self.text.split())


def paragraphs(page_text: str) -> list[str]:
    lines = [line.strip() for line in page_text.split("\n") if line.strip()]
    if not lines:
        return []
    long_lines = [len(line) for line in lines if len(line) >= 30]
    typical = statistics.median(long_lines) if long_lines else 60
    paras: list[list[str]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        new = bool(_PARA_START.match(line)) or (
            len(prev) < 0.75 * typical and (bool(_SENTENCE_END.search(prev)) or line[:1].isupper())
        )
        if new:
            paras.append([line])
        else:
            paras[-1].append(line)
    return [" ".join(p) for p in paras]


def _pieces(paragraph: str) -> list[str]:
    """A paragraph as pieces of at most MAX_WORDS, cut at sentence ends if possible."""
    if len(paragraph.split()) <= MAX_WORDS:
        return [paragraph]
    pieces: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_SPLIT.split(paragraph):
        words = sentence.split()
        while len(words) > MAX_WORDS:  # one enormous "sentence" (a table, a list)
            pieces.append(" ".join(words[:TARGET_WORDS]))
            words = words[TARGET_WORDS:]
        if current and len(current) + len(words) > TARGET_WORDS:
            pieces.append(" ".join(current))
            current = []
        current.extend(words)
    if current:
        pieces.append(" ".join(current))
    return pieces


def _pack(pieces: list[str]) -> list[str]:
    chunks: list[list[str]] = []
    words: list[int] = []
    for piece in pieces:
        n = len(piece.split())
        if chunks and words[-1] < MIN_WORDS and words[-1] + n <= MAX_WORDS:
            chunks[-1].append(piece)
            words[-1] += n
        elif chunks and words[-1] < TARGET_WORDS and words[-1] + n <= TARGET_WORDS:
            chunks[-1].append(piece)
            words[-1] += n
        else:
            chunks.append([piece])
            words.append(n)
    # A short tail joins the passage before it when the two fit together.
    if len(chunks) > 1 and words[-1] < MIN_WORDS and words[-2] + words[-1] <= MAX_WORDS:
        chunks[-2].extend(chunks.pop())
    return ["\n".join(chunk) for chunk in chunks]


def is_contents_page(page_text: str) -> bool:
    """A table of contents: most lines end in a page number. Its headings repeat
    the body's, so indexing it would only push real passages down the results."""
    lines = [line for line in page_text.split("\n") if line.strip()]
    entries = sum(1 for line in lines if _TOC_LINE.search(line.strip()))
    return entries >= 5 and entries >= 0.6 * len(lines)


def split_page(page_text: str) -> list[str]:
    if is_contents_page(page_text):
        return []
    pieces = [piece for para in paragraphs(page_text) for piece in _pieces(para)]
    return _pack(pieces)


def split_document(pages: list[str]) -> list[Passage]:
    passages: list[Passage] = []
    for number, text in enumerate(pages, start=1):
        for chunk in split_page(text):
            passages.append(Passage(page=number, position=len(passages), text=chunk, form=classify(chunk)))
    return passages
