"""The tagger: finds, in a passage, the evidence for each learning theme.

Two kinds of evidence. The taxonomy's terms are matched as phrases of stemmed
words, with the same analysis the index uses, so "poor home conditions" also
finds "poor home condition"; a term that is negated ("no evidence of neglect")
or only named in a list of other themes' terms does not count (see
``archive.themes.features``). And, for each theme a model was trained on
(``archive/themes/model.npz``, or a model of your own), a linear model over the
passage's words, word pairs and term evidence gives a probability: the passage
carries the theme when it reaches the theme's threshold. A theme the model does
not know (one you added to the taxonomy) is tagged by its terms alone:
``terms`` are strong evidence (one is enough); ``supporting`` terms are weak
(they count together).

Each tag's evidence is the terms found, then the words that weighed most
with the model (those not already part of a term found).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from archive.index.text import stems
from archive.themes.features import STRONG, SUPPORTING, Mention, evidence_features, mark, word_features
from archive.themes.model import TERMS_ONLY, Model
from archive.themes.taxonomy import Taxonomy

WORDS_SHOWN = 3  # words that weighed most, per tag
TELLING = 100  # shown words come from the theme's TELLING highest-weighted features (not "social", "children")
# Words that explain nothing to a reader, however much they weighed: not shown.
_FUNCTION_WORDS = frozenset(stems(
    "a about after all also an and any are as at be been before being between both but by can could did do does "
    "during each for from had has have he her him his how i if in into is it its may more most must no not of on "
    "one or other our out over same she should so some such than that the their them then there these they this "
    "those through to under up was we were what when where which while who will with within would you your"
))  # fmt: skip

__all__ = ["STRONG", "SUPPORTING", "Tag", "Tagger"]


@dataclass
class Tag:
    """Why a passage carries a theme."""

    terms: list[str]  # the taxonomy's terms found (not negated, not only listed)
    words: list[str] = field(default_factory=list)  # the words that weighed most with the model
    score: float | None = None  # the model's probability; None for a theme tagged by its terms
    real: bool = True  # the evidence is more than negated or listed mentions (combined themes need it)
    joined: frozenset[str] = frozenset()  # themes every term found was named together with ("X, Y and Z")

    @property
    def evidence(self) -> list[str]:
        return self.terms + self.words


class Tagger:
    """Finds, for a text, the themes it gives evidence for and why."""

    def __init__(self, taxonomy: Taxonomy, model: Model | None = None) -> None:
        self.taxonomy, self.model = taxonomy, model
        # first stem -> [(stems, theme id, term as written, weight)], longest phrases first
        self.index: dict[str, list[tuple[tuple[str, ...], str, str, int]]] = defaultdict(list)
        for theme in taxonomy.simple:
            for term, weight in [(t, STRONG) for t in theme.terms] + [(t, SUPPORTING) for t in theme.supporting]:
                words = stems(term)
                self.index[words[0]].append((words, theme.id, term, weight))
        for entries in self.index.values():
            entries.sort(key=lambda e: -len(e[0]))
        known = set(model.themes) if model else set()
        self.learned = [t.id for t in taxonomy.simple if t.id in known]
        self.by_terms = [t.id for t in taxonomy.simple if t.id not in known]
        if model is not None:
            columns = [model.themes.index(t) for t in self.learned]
            self._weights = np.ascontiguousarray(model.weights[:, columns])
            self._bias, self._thresholds = model.bias[columns], model.thresholds[columns]
            cut = np.sort(self._weights, axis=0)[-min(TELLING, len(self._weights))]
            self._telling = self._weights >= np.maximum(cut, 0.0)

    def to_data(self) -> dict[str, Any]:
        """What an index keeps of its tagger: the taxonomy (taxonomy.to_data()) and which model."""
        model = self.model
        return self.taxonomy.to_data() | {
            "model_path": model.path if model else TERMS_ONLY,
            "model_digest": model.digest if model else "",
        }

    @staticmethod
    def recorded_model(data: dict[str, Any] | None) -> str | None:
        """The model an index was tagged with, from its to_data()."""
        return (data or {}).get("model_path")

    def tags_differ(self, data: dict[str, Any] | None) -> bool:
        """Would this tagger tag an index recorded with ``data`` differently?"""
        data = data or {}
        model_digest = self.model.digest if self.model else ""
        return data.get("digest") != self.taxonomy.digest or data.get("model_digest", "") != model_digest

    # -- evidence ---------------------------------------------------------------------
    def mentions(self, tokens: tuple[str, ...] | list[str]) -> list[Mention]:
        """Every term found, marked negated or listed where it is."""
        found = []
        for i, token in enumerate(tokens):
            for words, theme_id, term, weight in self.index.get(token, ()):
                if tuple(tokens[i : i + len(words)]) == words:
                    found.append(Mention(theme_id, term, weight, i, i + len(words)))
        return mark(found, tokens)

    def evidence(self, text: str | list[str]) -> dict[str, dict[str, int]]:
        """Every term that counts, per theme, with its weight (before thresholds); given
        the text or its stems (schema.analyse)."""
        tokens = stems(text) if isinstance(text, str) else tuple(text)
        found: dict[str, dict[str, int]] = defaultdict(dict)
        for m in self.mentions(tokens):
            if m.plain:
                found[m.theme][m.term] = m.weight
        return dict(found)

    def _by_terms(self, terms: dict[str, int], theme_id: str) -> bool:
        needed = self.taxonomy.themes[theme_id].min_score or self.taxonomy.min_score
        if self.taxonomy.require_strong and STRONG not in terms.values():
            return False
        return sum(terms.values()) >= needed

    # -- tags -------------------------------------------------------------------------
    def explain(self, text: str | list[str]) -> dict[str, Tag]:
        """The themes the text carries, each with its terms, words and score."""
        tokens = stems(text) if isinstance(text, str) else tuple(text)
        mentions = self.mentions(tokens)
        plain: dict[str, dict[str, int]] = defaultdict(dict)
        joined: dict[str, frozenset[str]] = {}
        unreal: set[str] = set()  # themes named only in negations or lists
        negated: set[str] = set()  # themes whose strong terms are all negated
        for m in mentions:
            if m.plain:
                plain[m.theme][m.term] = m.weight
                joined[m.theme] = joined[m.theme] & m.joined if m.theme in joined else m.joined
            else:
                unreal.add(m.theme)
                if m.negated and m.weight == STRONG:
                    negated.add(m.theme)
        unreal -= set(plain)
        negated -= {t for t, terms in plain.items() if STRONG in terms.values()}
        result: dict[str, Tag] = {}
        for theme_id in self.by_terms:
            if theme_id in plain and self._by_terms(plain[theme_id], theme_id):
                result[theme_id] = Tag(sorted(plain[theme_id]), joined=joined[theme_id])
        if self.learned and self.model is not None:
            features = word_features(tokens)
            features.update(evidence_features(mentions))
            rows, values = self.model.rows(features)
            contributions = values[:, None] * self._weights[rows] if rows else np.zeros((0, len(self.learned)))
            probability = 1.0 / (1.0 + np.exp(-(self._bias + contributions.sum(axis=0))))
            for j in np.flatnonzero(probability >= self._thresholds):
                theme_id = self.learned[j]
                if theme_id in negated:  # "no evidence of neglect" is no evidence, whatever else is said
                    continue
                terms = sorted(plain.get(theme_id, {}))
                words = self._words(contributions[:, j] * self._telling[rows, j], rows, terms)
                # A negated or listed term is no evidence: the words must carry the theme on their own.
                result[theme_id] = Tag(terms, words, round(float(probability[j]), 3), real=theme_id not in unreal,
                                       joined=joined.get(theme_id, frozenset()))  # fmt: skip
        return dict(sorted(result.items()))

    def _words(self, contribution: np.ndarray, rows: list[int], terms: list[str]) -> list[str]:
        """The words (and pairs) that weighed most for a theme, not counting the terms'."""
        assert self.model is not None
        inside = {word for term in terms for word in stems(term)}
        words: list[str] = []
        for k in np.argsort(-contribution):
            if contribution[k] <= 0 or len(words) >= WORDS_SHOWN:
                break
            name = self.model.features[rows[k]]
            words_of = set(name.split())
            if name.startswith("@") or words_of <= inside or words_of <= _FUNCTION_WORDS:
                continue
            shown = self.model.display[rows[k]]
            if not any(shown in w or w in shown for w in words):
                words.append(shown)
        return words

    def tag(self, text: str | list[str]) -> dict[str, list[str]]:
        """Themes the text carries → their evidence: terms found, then the words that weighed most."""
        return {theme_id: found.evidence for theme_id, found in self.explain(text).items()}

    # -- documents --------------------------------------------------------------------
    def document_themes(self, passage_tags: list[dict[str, Tag]]) -> dict[str, int]:
        """Theme → passages carrying it, for themes the document counts (combined ones included).

        A combined theme ("toxic trio") needs every part counted in the document,
        each with evidence of its own in at least one passage: not only negated or
        listed, and not only named together with the other parts ("domestic abuse,
        substance misuse and parental mental ill health")."""
        counts: dict[str, int] = defaultdict(int)
        for tags in passage_tags:
            for theme_id in tags:
                counts[theme_id] += 1
        needed = 1 if len(passage_tags) < self.taxonomy.small_document else self.taxonomy.doc_min_passages
        present = {t: n for t, n in counts.items() if n >= needed}

        def own_evidence(part: str, others: set[str]) -> bool:
            return any(part in tags and tags[part].real and not (tags[part].joined & others) for tags in passage_tags)

        for theme in self.taxonomy.combined:
            if all(part in present and own_evidence(part, set(theme.all) - {part}) for part in theme.all):
                present[theme.id] = sum(1 for tags in passage_tags if any(p in tags for p in theme.all))
        return dict(sorted(present.items()))

    def tag_document(self, texts: list[str] | list[list[str]]) -> tuple[list[dict[str, list[str]]], dict[str, int]]:
        """Tags per passage (combined themes added where the document holds them), and document counts."""
        explained = [self.explain(text) for text in texts]
        doc = self.document_themes(explained)
        tags = [{theme_id: found.evidence for theme_id, found in passage.items()} for passage in explained]
        for theme in self.taxonomy.combined:
            if theme.id in doc:
                for passage in tags:
                    parts = [p for p in theme.all if p in passage]
                    if parts:
                        passage[theme.id] = sorted({e for p in parts for e in passage[p]})
        return tags, doc
