"""Cleaning of text extracted page by page from a PDF.

Each step was chosen from what pypdf's default extraction mode gives on real
reports: ligatures and odd spaces (NFKC), words split across line ends
("safe-\\nguarding"), runs of spaces, and running headers/footers repeated on
every page ("Northmoor SCP — Child E — FINAL", "Page 3 of 20").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\u00ad]")
_DIGITS = re.compile(r"\d+")
_HYPHEN_END = re.compile(r"([A-Za-z]{2,})-$")
_WORD_START = re.compile(r"^([a-z]{2,})")
_PAGE_NUMBER = re.compile(r"(page\s*)?#(\s*(of|/)\s*#)?|[-–]\s*#\s*[-–]")
_ROMAN = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
_WORDS = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")

# A line counts as running header/footer when, with digits masked, it repeats
# near the top or bottom of at least this share of pages (and on 3 or more).
RUNNING_SHARE = 0.5
EDGE_LINES = 3


def normalize(text: str) -> str:
    """NFKC (ligatures, full-width forms), drop control characters, collapse spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def _shape(line: str) -> str:
    return _DIGITS.sub("#", line.lower()).strip()


def _edge_indices(lines: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(lines) if line]
    return sorted(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:]))


def running_lines(pages: list[list[str]]) -> set[str]:
    """Shapes of lines repeated at the top or bottom of most pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_shape(lines[i]) for i in _edge_indices(lines)})
    needed = max(3, RUNNING_SHARE * len(pages))
    return {shape for shape, n in counts.items() if n >= needed}


def _is_page_number(line: str) -> bool:
    shape = _shape(line)
    return bool(_PAGE_NUMBER.fullmatch(shape) or (shape and _ROMAN.fullmatch(shape)))


def strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop repeated headers/footers and bare page numbers at page edges."""
    repeated = running_lines(pages)
    cleaned = []
    for lines in pages:
        edges = set(_edge_indices(lines))
        cleaned.append(
            [
                line
                for i, line in enumerate(lines)
                if not (i in edges and (_shape(line) in repeated or _is_page_number(line)))
            ]
        )
    return cleaned


def vocabulary(pages: list[list[str]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for lines in pages:
        for line in lines:
            counts.update(w.lower() for w in _WORDS.findall(line))
    return counts


def dehyphenate(lines: list[str], vocab: Counter[str]) -> list[str]:
    """Re-join a word hyphenated across a line end.

    "safe-" + "guarding" becomes "safeguarding"; "child-" + "focused" stays
    "child-focused" when the document writes it with a hyphen elsewhere.
    """
    out: list[str] = []
    lines = list(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        end = _HYPHEN_END.search(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        start = _WORD_START.match(nxt)
        if end and start:
            head, tail = end.group(1), start.group(1)
            joiner = "-" if vocab[f"{head}-{tail}".lower()] > vocab[(head + tail).lower()] else ""
            rest = nxt[len(tail) :]
            # The joined line takes the next line's place, so a hyphen at its
            # own end (consecutive hyphenated lines) is re-joined in turn.
            lines[i + 1] = line[: end.start()] + head + joiner + tail + rest
            i += 1
            continue
        out.append(line)
        i += 1
    return out


# What Tesseract gets wrong on clean scans of typed reports, fixed only on
# OCR'd pages: born-digital text keeps its own quotes and characters.
_OCR_CHARS = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u00ac": "-",  # a hyphen at a line end, as some OCR engines mark it
})  # fmt: skip
# "|" read for a capital I: alone ("| was"), or starting a word ("|t", "|n", "|f").
_PIPE_AS_I = re.compile(r"(?<![^\s\"'(\[])\|(?=[\s,.;:!?'\"]|$|[a-z]{1,12}\b)")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[\w\"')\]]) +([,.;:!?])(?=\s|$)")
_HAS_ALNUM = re.compile(r"[^\W_]")


def clean_ocr(text: str) -> str:
    """Cleaning for text read by OCR: quotes and ligatures made plain, "|" read
    as "I", stray spaces before punctuation, and lines of specks (no letter or
    digit) dropped. Hyphenation and broken lines are then handled as for any page."""
    text = unicodedata.normalize("NFKC", text).translate(_OCR_CHARS)
    lines = []
    for line in text.split("\n"):
        line = _SPACE_BEFORE_PUNCT.sub(r"\1", _PIPE_AS_I.sub("I", line.strip()))
        if _HAS_ALNUM.search(line):
            lines.append(line)
    return "\n".join(lines)


def clean_pages(raw_pages: list[str], ocr_pages: set[int] | frozenset[int] = frozenset()) -> list[str]:
    """Clean every page of a document together (running lines need all pages).

    ``ocr_pages`` (1-based) were read by OCR and get its cleaning first."""
    raw_pages = [clean_ocr(text) if n in ocr_pages else text for n, text in enumerate(raw_pages, start=1)]
    pages = [normalize(text).split("\n") for text in raw_pages]
    pages = strip_running_lines(pages)
    vocab = vocabulary(pages)
    return ["\n".join(line for line in dehyphenate(lines, vocab) if line) for lines in pages]
