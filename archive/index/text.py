"""Text analysis shared by indexing and searching: words, Porter stems, and pairs of common words.

``analyse`` gives exactly the terms Whoosh's ``TEXT_ANALYZER`` gives (the query
parser still uses the analyzer), several times faster: indexing spends most of
its time here.
"""

from __future__ import annotations

import re

from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.lang.porter import stem

# No stop list: "was not brought", "voice of the child" and "Child E" are
# phrases researchers search for, and a stop list would silently drop words.
TEXT_ANALYZER = StemmingAnalyzer(stoplist=None, minsize=1)
NAME_ANALYZER = StandardAnalyzer(stoplist=None, minsize=1)

# The tokens TEXT_ANALYZER yields, without its per-token objects: RegexTokenizer's
# default pattern, lower case, Porter stems.
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


def stems(text: str) -> tuple[str, ...]:
    """The stems of a term or phrase, as a tuple (a phrase to look for)."""
    return tuple(analyse(text))


def stemmed_spans(text: str) -> list[tuple[str, int, int]]:
    """Every word of text as (stem, start, end): what TEXT_ANALYZER(text, chars=True) gives."""
    return [(stem_word(m.group().lower()), m.start(), m.end()) for m in WORD_PATTERN.finditer(text)]


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


def word_pairs(stemmed: list[str]) -> list[tuple[str, int]]:
    """Each common stem joined to the next when that is common too, with the position
    of its first word: the "pairs" terms (their positions are the text's word positions)."""
    common = COMMON
    return [(f"{a} {b}", i) for i, (a, b) in enumerate(zip(stemmed, stemmed[1:])) if a in common and b in common]
