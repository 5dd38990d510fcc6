"""What the learned tagger reads in a passage: its words, its word pairs, and the taxonomy's terms.

Words are the index's Porter stems; a pair is two neighbouring stems ("care
leaver"). Each passage is a sparse vector: the words and pairs, weighted
1 + log(count) and scaled to unit length, beside the taxonomy's evidence per theme
(a strong term found, how many, supporting terms, and whether every strong term
found was negated or named in a list). Training (``archive.themes.train``) and
tagging (``archive.themes.tagger``) both build their vectors here, so they
cannot drift apart.

A term is *negated* when one of NEGATORS comes at most NEGATION_WINDOW words
before it ("no evidence of neglect", "without any concern about domestic
abuse"); it is *listed* when it sits in a run of terms of at least LIST_RUN themes with
nothing but punctuation, "and" or "or" between neighbours (an inventory: "neglect,
domestic abuse, sexual exploitation, criminal exploitation, radicalisation or
FGM"). A shorter run ("domestic abuse, substance misuse and mental health") is a
claim about each, but its mentions are *joined*: a combined theme does not take
its parts from one such run.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

STRONG, SUPPORTING = 2, 1
# Not "not": "plans do not address neglect" is a judgement about neglect, not its absence.
NEGATORS = frozenset({"no", "without", "none", "nor", "neither"})
NEGATION_WINDOW = 4
LIST_JOINS = {(), ("and",), ("or",)}  # what may stand between two items of a list (punctuation is not a word)
LIST_RUN = 5  # chosen on the train split: 3 and 4 also caught claims naming a few issues
EVIDENCE_PREFIX = "@"  # feature names of the taxonomy's evidence start with it; words never do


@dataclass(frozen=True)
class Mention:
    """One taxonomy term found in a passage."""

    theme: str
    term: str
    weight: int  # STRONG or SUPPORTING
    start: int
    end: int
    negated: bool = False
    listed: bool = False
    joined: frozenset[str] = frozenset()  # the other themes named in the same run ("X, Y and Z")

    @property
    def plain(self) -> bool:
        return not (self.negated or self.listed)


def mark(mentions: list[Mention], tokens: tuple[str, ...] | list[str]) -> list[Mention]:
    """The mentions with ``negated`` and ``listed`` set."""
    marked = []
    for m in mentions:
        before = tokens[max(0, m.start - NEGATION_WINDOW) : m.start]
        marked.append(Mention(m.theme, m.term, m.weight, m.start, m.end, negated=any(t in NEGATORS for t in before)))
    runs: list[list[int]] = []
    order = sorted(range(len(marked)), key=lambda i: (marked[i].start, -marked[i].end))
    run: list[int] = []
    reach = -1
    for i in order:
        m = marked[i]
        if run and m.start < reach:  # overlaps the last mention: the same place in the text
            run.append(i)
        elif run and tuple(tokens[reach : m.start]) in LIST_JOINS:
            run.append(i)
        else:
            runs.append(run)
            run = [i]
        reach = max(reach, m.end) if len(run) > 1 else m.end
    runs.append(run)
    result = list(marked)
    for run in runs:
        themes = frozenset(marked[i].theme for i in run)
        for i in run:
            m = marked[i]
            result[i] = Mention(m.theme, m.term, m.weight, m.start, m.end, m.negated,
                                listed=len(themes) >= LIST_RUN, joined=themes - {m.theme})  # fmt: skip
    return result


def evidence_features(mentions: list[Mention]) -> dict[str, float]:
    """The taxonomy's evidence for each theme as named features."""
    by_theme: dict[str, list[Mention]] = {}
    for m in mentions:
        by_theme.setdefault(m.theme, []).append(m)
    out: dict[str, float] = {}
    for theme, found in by_theme.items():
        strong = {m.term for m in found if m.weight == STRONG and m.plain}
        supporting = {m.term for m in found if m.weight == SUPPORTING and m.plain}
        if strong:
            out[f"@{theme}:strong"] = 1.0
            out[f"@{theme}:strong_n"] = math.log1p(len(strong))
        if supporting:
            out[f"@{theme}:supporting"] = math.log1p(len(supporting))
        if not strong and any(m.weight == STRONG and m.negated for m in found):
            out[f"@{theme}:negated"] = 1.0
        if not strong and any(m.weight == STRONG and m.listed and not m.negated for m in found):
            out[f"@{theme}:listed"] = 1.0
    return out


def word_features(tokens: tuple[str, ...] | list[str]) -> dict[str, float]:
    """Words and pairs of neighbouring words, 1 + log(count), scaled to unit length."""
    counts = Counter(tokens)
    counts.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))
    weighted = {k: 1.0 + math.log(n) for k, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
    return {k: v / norm for k, v in weighted.items()}
