"""Is a page's extracted text text? Judged by glyphs that map to no character, not by letters.

A font without a Unicode map extracts as characters that stand for nothing:
control codes (a glyph's number taken for a character), private-use and
unassigned code points, the replacement character, or runs of assorted
symbols ("!#$%&'*"). Digits and punctuation are text: a page of tables of
figures is as much text as a page of prose, so the share of letters says
nothing here. A page is junk when such glyphs make up a good part of it.
"""

from __future__ import annotations

import re
import unicodedata

# Share of a page's non-space characters that may be unmapped glyphs before the
# page counts as junk. Measured (benchmarks/extractors.py --glyphs): pages of the
# real corpus score 0 with both readers, save a few with a stray symbol run (at
# most 0.06); the torture corpus's fonts without a Unicode map score 0.4 to 1.
JUNK_SHARE = 0.25
# A run of this many symbols or more in a row, of at least SYMBOL_KINDS different
# ones, is taken for glyphs read as symbols ("#$%&'*+"); dot leaders ("....."),
# rules ("-----") and a closing "%)." are not.
SYMBOL_RUN = 4
SYMBOL_KINDS = 3
# Fewer usable words than this on a page is "almost no text": a scanned page may
# still carry a stamped page number or a one-line label. Numbers count as words.
PAGE_MIN_WORDS = 10

_SYMBOLS = re.compile(rf"[^\w\s]{{{SYMBOL_RUN},}}")
_WORD = re.compile(r"[^\W\d_]{2,}|\d+(?:[.,]\d+)*")
_SPACE = re.compile(r"\s")
_UNMAPPED = frozenset(("Co", "Cn", "Cs", "Cc"))


def unmapped(text: str) -> int:
    """How many characters of ``text`` are glyphs that map to no character."""
    count = 0
    for char in text:
        if char == "\ufffd" or (unicodedata.category(char) in _UNMAPPED and not char.isspace()):
            count += 1
    for run in _SYMBOLS.findall(text):
        if len(set(run)) >= SYMBOL_KINDS:
            count += sum(1 for char in run if unicodedata.category(char) not in _UNMAPPED and char != "\ufffd")
    return count


def visible(text: str) -> int:
    """Characters that are not white space."""
    return len(_SPACE.sub("", text))


def unmapped_share(text: str) -> float:
    """Share of the non-space characters of ``text`` that are unmapped glyphs (0 for no text)."""
    chars = visible(text)
    return unmapped(text) / chars if chars else 0.0


def is_junk(text: str) -> bool:
    """Text made up largely of glyphs that map to no character (a font without a Unicode map)."""
    return unmapped_share(text) >= JUNK_SHARE


def usable(text: str) -> bool:
    """Something was read on the page, and it is not junk."""
    return visible(text) > 0 and not is_junk(text)


def words(text: str) -> int:
    """Words of two letters or more, and numbers."""
    return len(_WORD.findall(text))


def lacks_text(text: str) -> bool:
    """(Almost) no usable text: junk, or fewer than PAGE_MIN_WORDS words and numbers."""
    return is_junk(text) or words(text) < PAGE_MIN_WORDS
