"""What a person meant by plain words: which words must match, related words, and relaxing.

A query typed as plain words ("teenagers who go missing and are groomed to sell drugs") is read
as a description, not as syntax:

- words that carry no meaning in a question ("who", "and", "are", "to", "the"...) need not match;
  they still count inside phrases, and a lower-case "or"/"and"/"not" is one of them, not an operator;
- each remaining word (or a phrase the thesaurus knows, "young people") is a concept; a concept
  also matches its related words from the thesaurus, at a lower weight ("teenagers" also finds
  "young people"), and the results say what was added;
- first every concept must be in the passage; when that finds fewer than ``RELAX_BELOW`` passages,
  passages with most of the concepts are shown, ranked by how much of the query they hold;
- words standing together in the query (two or three words, or neighbours in a longer one) are
  also looked for as a phrase, and passages where they stand together rank higher.

Quoted phrases, capitalised operators (AND, OR, NOT), -word, brackets and prefix* keep their exact
meaning: such a query is not interpreted. ``exact=True`` turns interpretation off for plain words too.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from whoosh import query

from archive.index.text import stems
from archive.search.backend import Coordinated
from archive.search.thesaurus import Thesaurus

RELAX_BELOW = 10  # fewer passages with every concept than this: show those with most of them
RELATED_WEIGHT = 0.5  # a related word counts half as much as the word typed
PHRASE_WEIGHT = 1.0  # words standing together as typed: their phrase's score is added
COORDINATION_POWER = 2.0  # relaxed: score x (concepts held / concepts) ** power

# Words that carry no meaning of their own in a question or description. Not domain words: "need",
# "help", "care", "looked" (after), "early", "support" stay, whatever their frequency.
QUESTION_WORDS = frozenset(
    """a an the and or but nor not no of to in on at by for from with without into onto over under about above
    below between among through during before after up down out off than then so as if whether while because
    though although is are was were be been being am do does did doing done have has had having can could shall
    should will would may might must cannot i me my we us our you your he him his she her hers they them their
    theirs it its this that these those there here what which who whom whose when where why how all any some
    each every other such only own same too very just also even still yet again get gets got getting make makes
    made keep keeps kept let lets thing things something anything nothing really lot lots much many more most
    less least kind sort way ways happen happens happened happening someone somebody anyone anybody seem seems
    seemed seeming go goes going went gone end ends ended come comes came take takes took give gives gave say
    says said tell tells told think thinks want wants wanted try tries tried like s t d ll re ve m""".split()
)
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_SYNTAX = re.compile(r'["()*]|(^|\s)[-+]\w|\b(AND|OR|NOT)\b')


@dataclass
class Concept:
    """One thing the query asks for: the words as typed, and related words."""

    typed: str
    words: tuple[str, ...]  # stems; more than one: a phrase
    related: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (as written, stems)

    def query(self, expand: bool) -> query.Query:
        main = _phrase(self.words)
        if not expand or not self.related:
            return main
        alternatives = [_phrase(words, RELATED_WEIGHT) for _, words in self.related]
        return query.Or([main, *alternatives])


@dataclass
class Interpretation:
    """How a plain-words query is searched."""

    concepts: list[Concept]
    ignored: list[str]  # words typed that need not match
    phrases: list[tuple[str, ...]]  # stems of words standing together, looked for as phrases too
    expand: bool = True

    def strict(self, rank: bool = True) -> query.Query:
        """Every concept (``rank``: with the phrases that raise scores, which match nothing more)."""
        parts = [c.query(self.expand) for c in self.concepts]
        q = parts[0] if len(parts) == 1 else query.And(parts)
        return with_phrases(q, self.phrases) if rank else q

    def relaxed(self, minmatch: int, rank: bool = True) -> query.Query:
        """At least ``minmatch`` concepts, more ranking higher."""
        q = Coordinated([c.query(self.expand) for c in self.concepts], minmatch=minmatch, power=COORDINATION_POWER)
        return with_phrases(q, self.phrases) if rank else q

    def minmatch_steps(self) -> list[int]:
        """How far to relax: half the concepts (rounded up), then down to one."""
        n = len(self.concepts)
        first = max(1, math.ceil(n / 2))
        return list(range(first, 0, -1)) if n > 1 else []

    @property
    def added(self) -> list[str]:
        """Related words searched too, as "teenagers: young people, adolescents"."""
        if not self.expand:
            return []
        return [f"{c.typed}: {', '.join(written for written, _ in c.related)}" for c in self.concepts if c.related]


def _phrase(words: tuple[str, ...], boost: float = 1.0) -> query.Query:
    if len(words) == 1:
        return query.Term("text", words[0], boost=boost)
    return query.Phrase("text", list(words), boost=boost)


def together(text: str) -> list[tuple[str, ...]]:
    """For exact searches of plain words: the words standing together, as phrases to rank by."""
    if not is_plain(text):
        return []
    tokens = [(m.group(), stems(m.group())) for m in _WORD.finditer(text)]
    return _together(tokens, [True] * len(tokens))


def with_phrases(q: query.Query, phrases: list[tuple[str, ...]]) -> query.Query:
    """``q``, with passages where ``phrases`` occur scored higher (the same passages match)."""
    if not phrases:
        return q
    boosts = [query.Phrase("text", list(p), boost=PHRASE_WEIGHT) for p in phrases]
    return query.AndMaybe(q, boosts[0] if len(boosts) == 1 else query.Or(boosts))


def is_plain(text: str) -> bool:
    """Plain words: no quotation marks, capitalised operators, -word, brackets or prefix*."""
    return not _SYNTAX.search(text)


def interpret(text: str, thesaurus: Thesaurus | None, *, expand: bool = True) -> Interpretation | None:
    """The concepts of a plain-words query, or None when it is not plain (or has no words)."""
    if not is_plain(text):
        return None
    typed = [m.group() for m in _WORD.finditer(text)]
    if not typed:
        return None
    tokens = [(word, stems(word)) for word in typed]
    concepts: list[Concept] = []
    ignored: list[str] = []
    i = 0
    meaningful: list[bool] = []
    while i < len(tokens):
        found = thesaurus.match([t for _, t in tokens], i) if thesaurus else None
        if found is not None:
            length, related = found
            words = tuple(s for _, t in tokens[i : i + length] for s in t)
            concepts.append(Concept(" ".join(w for w, _ in tokens[i : i + length]), words, related))
            meaningful += [True] * length
            i += length
            continue
        word, word_stems = tokens[i]
        if word.lower() in QUESTION_WORDS or not word_stems:
            ignored.append(word)
            meaningful.append(False)
        else:
            concepts.append(Concept(word, word_stems))
            meaningful.append(True)
        i += 1
    if not concepts:  # nothing but question words ("what is it"): search them all
        return Interpretation([Concept(w, s) for w, s in tokens if s], [], [], expand)
    phrases = _together(tokens, meaningful)
    return Interpretation(concepts, ignored, phrases, expand)


def _together(tokens: list[tuple[str, tuple[str, ...]]], meaningful: list[bool]) -> list[tuple[str, ...]]:
    """Stems of words that stand together: the whole query when it has two or three words, else
    each run of two or more meaningful neighbours."""
    all_stems = tuple(s for _, t in tokens for s in t)
    if 2 <= len(tokens) <= 3 and len(all_stems) >= 2:
        return [all_stems]
    runs: list[tuple[str, ...]] = []
    current: list[str] = []
    for (_, t), keep in zip(tokens, meaningful):
        if keep:
            current.extend(t)
            continue
        if len(current) >= 2:
            runs.append(tuple(current))
        current = []
    if len(current) >= 2:
        runs.append(tuple(current))
    return runs
