"""The tagger: finds, in a passage, the evidence for each learning theme.

Terms are matched as phrases of stemmed words, with the same analysis the index
uses, so "poor home conditions" also finds "poor home condition". ``terms`` are
strong evidence (one is enough); ``supporting`` terms are weak (they count together).
"""

from __future__ import annotations

from collections import defaultdict

from archive.index.text import stems
from archive.themes.taxonomy import Taxonomy

STRONG, SUPPORTING = 2, 1


class Tagger:
    """Finds, for a text, the themes it gives evidence for and the terms that matched."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        # first stem -> [(stems, theme id, term as written, weight)], longest phrases first
        self.index: dict[str, list[tuple[tuple[str, ...], str, str, int]]] = defaultdict(list)
        for theme in taxonomy.simple:
            for term, weight in [(t, STRONG) for t in theme.terms] + [(t, SUPPORTING) for t in theme.supporting]:
                words = stems(term)
                self.index[words[0]].append((words, theme.id, term, weight))
        for entries in self.index.values():
            entries.sort(key=lambda e: -len(e[0]))

    def evidence(self, text: str | list[str]) -> dict[str, dict[str, int]]:
        """Every matching term per theme, with its weight (before thresholds); given
        the text or its stems (schema.analyse)."""
        tokens = stems(text) if isinstance(text, str) else tuple(text)
        found: dict[str, dict[str, int]] = defaultdict(dict)
        for i, token in enumerate(tokens):
            for words, theme_id, term, weight in self.index.get(token, ()):
                if tokens[i : i + len(words)] == words:
                    found[theme_id][term] = weight
        return found

    def tag(self, text: str | list[str]) -> dict[str, list[str]]:
        """Themes whose evidence reaches the threshold → the matched terms (sorted)."""
        result = {}
        for theme_id, terms in self.evidence(text).items():
            theme = self.taxonomy.themes[theme_id]
            needed = theme.min_score or self.taxonomy.min_score
            if self.taxonomy.require_strong and STRONG not in terms.values():
                continue
            if sum(terms.values()) >= needed:
                result[theme_id] = sorted(terms)
        return dict(sorted(result.items()))

    def document_themes(self, passage_themes: list[dict[str, list[str]]]) -> dict[str, int]:
        """Theme → passages carrying it, for themes the document counts (combined ones included)."""
        counts: dict[str, int] = defaultdict(int)
        for tags in passage_themes:
            for theme_id in tags:
                counts[theme_id] += 1
        needed = 1 if len(passage_themes) < self.taxonomy.small_document else self.taxonomy.doc_min_passages
        present = {t: n for t, n in counts.items() if n >= needed}
        for theme in self.taxonomy.combined:
            if all(part in present for part in theme.all):
                present[theme.id] = sum(1 for tags in passage_themes if any(p in tags for p in theme.all))
        return dict(sorted(present.items()))

    def tag_document(self, texts: list[str] | list[list[str]]) -> tuple[list[dict[str, list[str]]], dict[str, int]]:
        """Tags per passage (combined themes added where the document holds them), and document counts."""
        tags = [self.tag(text) for text in texts]
        doc = self.document_themes(tags)
        for theme in self.taxonomy.combined:
            if theme.id in doc:
                for passage in tags:
                    parts = [p for p in theme.all if p in passage]
                    if parts:
                        passage[theme.id] = sorted({term for p in parts for term in passage[p]})
        return tags, doc
