"""Training the learned tagger from passages labelled by reading (needs scikit-learn:
``pip install "case-review-archive[train]"``).

For each theme with at least MIN_POSITIVES labelled passages, a logistic
regression over the passage's features (``archive.themes.features``) is fitted;
its threshold is the probability that gives the best F-score weighted towards
precision (F_BETA) on out-of-fold predictions: each fold's passages are scored
by a model that never saw them, and folds keep a document's passages together,
so the threshold is not chosen on passages the model learned from. Themes with
fewer labels are left to their taxonomy terms.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from archive.errors import ArchiveError
from archive.index.text import WORD_PATTERN, analyse, stem_word
from archive.themes.features import evidence_features, word_features
from archive.themes.model import Model
from archive.themes.tagger import Tagger
from archive.themes.taxonomy import Taxonomy

MIN_POSITIVES = 10  # a theme with fewer labelled passages is tagged by its terms
MIN_DF = 2  # words and pairs in fewer training passages are left out
C = 10.0  # inverse regularisation strength
F_BETA = 0.7  # thresholds favour precision (beta < 1)
FOLDS = 5
PRECISION_FLOOR = 0.7  # a threshold must keep out-of-fold precision at least this high


class TrainingError(ArchiveError):
    """The labels cannot train a model; the message says why."""


@dataclass
class Example:
    text: str
    themes: set[str]
    group: str  # passages of one document share a group: they stay in one fold


def _sklearn() -> Any:
    try:
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold, StratifiedKFold
    except ImportError:
        raise TrainingError(
            'training needs scikit-learn: pip install "case-review-archive[train]" (tagging does not)'
        ) from None
    return LogisticRegression, GroupKFold, StratifiedKFold


def _display(examples: list[Example]) -> dict[str, str]:
    """Each stem and pair of stems as it is most often written."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for example in examples:
        words = [w.lower() for w in WORD_PATTERN.findall(example.text)]
        stemmed = [stem_word(w) for w in words]
        for i, (word, stem) in enumerate(zip(words, stemmed)):
            seen[stem][word] += 1
            if i + 1 < len(words):
                seen[f"{stem} {stemmed[i + 1]}"][f"{word} {words[i + 1]}"] += 1
    return {key: forms.most_common(1)[0][0] for key, forms in seen.items()}


def f_beta(precision: float, recall: float, beta: float = F_BETA) -> float:
    return (1 + beta**2) * precision * recall / (beta**2 * precision + recall) if precision and recall else 0.0


def threshold(probability: np.ndarray, truth: np.ndarray) -> tuple[float, float, float]:
    """The probability cut with the best F-beta among those keeping precision at
    PRECISION_FLOOR or more, with its precision and recall (all 0 if none does)."""
    best = (1.0, 0.0, 0.0, 0.0)
    positives = truth.sum()
    for cut in np.unique(probability):
        predicted = probability >= cut
        tp = float((predicted & truth).sum())
        if not tp:
            continue
        precision, recall = tp / predicted.sum(), tp / positives
        f = f_beta(precision, recall)
        if precision >= PRECISION_FLOOR and f > best[3]:
            best = (float(cut), precision, recall, f)
    return best[0], best[1], best[2]


def train(
    examples: list[Example], taxonomy: Taxonomy, progress: Callable[[str], None] | None = None, c: float = C
) -> Model:
    """A model for every theme of the taxonomy with enough labelled passages."""
    logistic, group_folds, stratified_folds = _sklearn()
    from scipy import sparse

    say = progress or (lambda message: None)
    if not examples:
        raise TrainingError("no labelled passages to train on")
    tagger = Tagger(taxonomy)
    rows: list[dict[str, float]] = []
    by_terms: list[set[str]] = []  # what the terms alone tag
    for example in examples:
        tokens = analyse(example.text)
        features = word_features(tokens)
        features.update(evidence_features(tagger.mentions(tokens)))
        rows.append(features)
        by_terms.append(set(tagger.explain(tokens)))
    df = Counter(name for features in rows for name in features)
    names = sorted(n for n, k in df.items() if k >= MIN_DF or n.startswith("@"))
    column = {n: i for i, n in enumerate(names)}
    indices, values, pointers = [], [], [0]
    for features in rows:
        kept = [(column[n], v) for n, v in features.items() if n in column]
        indices += [i for i, _ in kept]
        values += [v for _, v in kept]
        pointers.append(len(indices))
    x = sparse.csr_matrix((values, indices, pointers), shape=(len(rows), len(names)), dtype=np.float64)
    groups = np.array([e.group for e in examples])
    folds = min(FOLDS, len(set(groups)))

    themes, weights, biases, cuts, report = [], [], [], [], {}
    for theme in taxonomy.simple:
        truth = np.array([theme.id in e.themes for e in examples])
        positives = int(truth.sum())
        if positives < MIN_POSITIVES or len(truth) - positives < MIN_POSITIVES:
            continue
        if folds >= 2:
            splits = list(group_folds(folds).split(x, truth, groups))
        else:
            splits = list(stratified_folds(FOLDS, shuffle=True, random_state=0).split(x, truth))
        out_of_fold = np.zeros(len(truth))
        for fit_rows, test_rows in splits:
            if truth[fit_rows].all() or not truth[fit_rows].any():
                out_of_fold[test_rows] = truth[fit_rows].mean()
                continue
            fitted = logistic(C=c, solver="liblinear", max_iter=5000).fit(x[fit_rows], truth[fit_rows])
            out_of_fold[test_rows] = fitted.predict_proba(x[test_rows])[:, 1]
        cut, precision, recall = threshold(out_of_fold, truth)
        terms = np.array([theme.id in found for found in by_terms])
        terms_tp = float((terms & truth).sum())
        terms_p, terms_r = (terms_tp / terms.sum() if terms.sum() else 0.0), terms_tp / positives
        if f_beta(precision, recall) <= f_beta(terms_p, terms_r):
            report[theme.id] = {"labels": positives, "by": "terms",
                                "terms_precision": round(terms_p, 3), "terms_recall": round(terms_r, 3)}  # fmt: skip
            say(f"{theme.id}: {positives} labelled passages; its terms do better (precision {terms_p:.2f}, "
                f"recall {terms_r:.2f}) than the model (cross-validated {precision:.2f}, {recall:.2f})")  # fmt: skip
            continue
        fitted = logistic(C=c, solver="liblinear", max_iter=5000).fit(x, truth)
        themes.append(theme.id)
        weights.append(fitted.coef_[0])
        biases.append(fitted.intercept_[0])
        cuts.append(cut)
        report[theme.id] = {"labels": positives, "by": "model", "threshold": round(cut, 4),
                            "cv_precision": round(precision, 3), "cv_recall": round(recall, 3),
                            "terms_precision": round(terms_p, 3), "terms_recall": round(terms_r, 3)}  # fmt: skip
        say(
            f"{theme.id}: {positives} labelled passages, cross-validated precision {precision:.2f}, recall {recall:.2f}"
        )
    if not themes:
        raise TrainingError(f"no theme has {MIN_POSITIVES} or more labelled passages (and as many without it)")
    display = _display(examples)
    return Model(
        themes=themes, features=names,
        weights=np.array(weights, dtype=np.float32).T.copy(), bias=np.array(biases, dtype=np.float32),
        thresholds=np.array(cuts, dtype=np.float32),
        display=[display.get(n, n) if not n.startswith("@") else n for n in names],
        info={"passages": len(examples), "documents": len(set(groups)), "folds": folds, "c": c, "f_beta": F_BETA,
              "min_positives": MIN_POSITIVES, "min_df": MIN_DF, "taxonomy": taxonomy.digest, "themes": report},
    )  # fmt: skip


def read_labels(path: Path, passages: Path | None = None) -> tuple[list[Example], int]:
    """Labelled passages from a JSON-lines file, and how many were left out as held out.

    Each line has ``themes`` (a list of theme ids) and either ``text`` or a
    ``passage_id`` found in ``passages`` (a JSON-lines file of passages with their
    text, like benchmarks/themes/passages.jsonl). A passage's document (``path``,
    else the passage id up to its last "-") keeps it in one fold. Lines whose
    ``split`` (on the line or its passage) is "heldout" are left out: they are
    for measuring, never for training.
    """
    texts: dict[str, dict[str, Any]] = {}
    if passages is not None:
        for number, row in _lines(passages):
            if "passage_id" not in row or "text" not in row:
                raise TrainingError(f"{passages} line {number}: a passage needs passage_id and text")
            texts[str(row["passage_id"])] = row
    examples, left_out = [], 0
    for number, row in _lines(path):
        themes = row.get("themes")
        if not isinstance(themes, list) or not all(isinstance(t, str) for t in themes):
            raise TrainingError(f"{path} line {number}: themes must be a list of theme ids")
        passage = texts.get(str(row.get("passage_id")), {})
        text = row.get("text") or passage.get("text")
        if not isinstance(text, str) or not text.strip():
            where = "" if passages else " (give the passages file with --passages)"
            raise TrainingError(f"{path} line {number}: no text for passage {row.get('passage_id')!r}{where}")
        if (row.get("split") or passage.get("split")) == "heldout":
            left_out += 1
            continue
        passage_id = str(row.get("passage_id") or number)
        group = row.get("path") or passage.get("path") or passage_id.rsplit("-", 1)[0]
        examples.append(Example(text, set(themes), str(group)))
    return examples, left_out


def _lines(path: Path) -> list[tuple[int, dict[str, Any]]]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TrainingError(f"no file at {path}") from None
    except UnicodeDecodeError:
        raise TrainingError(f"{path}: not UTF-8 text") from None
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            raise TrainingError(f"{path} line {number}: not a JSON object") from None
        if not isinstance(row, dict):
            raise TrainingError(f"{path} line {number}: not a JSON object")
        rows.append((number, row))
    return rows
